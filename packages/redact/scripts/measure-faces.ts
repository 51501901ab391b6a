/**
 * Face recall and speed of image 技术处理 (src/media/image). Ground truth is the faces checked by
 * eye in the real photos (test/media/image-fixtures.ts) and the faces placed in synthetic group
 * pictures; a face counts as found when a detected box covers its centre and half its area.
 * False positives: boxes covering no known face, in the group pictures and in photos without faces.
 *
 *   npx tsx packages/redact/scripts/measure-faces.ts [--seeds N] [--tiles 768,512,384]
 *
 * --tiles adds a comparison of tile sizes: small-face recall, extra boxes and CPU per picture.
 *
 * Needs the Debian package python3-skimage (astronaut, camera and the no-face photos) and tesseract.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { defaultEngine } from '../src/engine.ts';
import { detectFaces } from '../src/media/image/face-detector.ts';
import { faceApi } from '../src/media/image/face-model.ts';
import { decodeImage } from '../src/media/image/image-input.ts';
import { processImage } from '../src/media/image/index.ts';
import { FACE_API_PHOTOS, groupPicture, NO_FACE_PHOTOS, readPhoto, recall, SKIMAGE_PHOTOS } from '../test/media/image-fixtures.ts';

const args = process.argv.slice(2);
const seeds = Number(args[args.indexOf('--seeds') + 1] ?? 3) || 3;
const tileSizes = args.includes('--tiles') ? String(args[args.indexOf('--tiles') + 1]).split(',').map(Number).filter((n) => n > 0) : [];
const ms = (t: number) => `${Math.round(t)} ms`;
const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '-'}%)`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(`machine load ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores shared)`);
let t = performance.now();
await faceApi();
console.log(`face model (tfjs WASM + SSD MobileNet v1) load: ${ms(performance.now() - t)}`);
t = performance.now();
defaultEngine().detect('王小明');
console.log(`text engine load: ${ms(performance.now() - t)}\n`);

// 1. Real photos
console.log('real photos: face recall, whole frame only vs whole frame + tiles');
const photos = [...FACE_API_PHOTOS, ...SKIMAGE_PHOTOS.filter((p) => existsSync(p.path))];
const totals = { whole: 0, tiles: 0, faces: 0, fp: 0 };
for (const p of photos) {
  const img = await decodeImage(readPhoto(p.path));
  const whole = await detectFaces(img, { tiles: false });
  t = performance.now();
  const tiled = await detectFaces(img);
  const dt = performance.now() - t;
  const rw = recall(whole.map((f) => f.box), p.faces), rt = recall(tiled.map((f) => f.box), p.faces);
  const fp = tiled.filter((f) => recall([f.box], p.faces).hit === 0).length;
  totals.whole += rw.hit; totals.tiles += rt.hit; totals.faces += p.faces.length; totals.fp += fp;
  console.log(`  ${p.name.padEnd(10)} ${img.width}×${img.height}  whole ${rw.hit}/${p.faces.length}  tiles ${rt.hit}/${p.faces.length}  extra boxes ${fp}  detect ${ms(dt)}`);
}
console.log(`  total: whole frame ${pct(totals.whole, totals.faces)}, with tiles ${pct(totals.tiles, totals.faces)}, extra boxes ${totals.fp}\n`);

// 2. Synthetic group pictures, recall by face height
console.log(`synthetic group pictures 1920×1280, 16 faces each, ${seeds} seeds per size pair`);
const sizes = [[30, 40], [50, 60], [70, 90], [100, 140], [160, 200]] as const;
const bySize = new Map<number, { whole: number; tiles: number; n: number }>();
let groupFp = 0, groupTime = 0, groups = 0;
for (let seed = 1; seed <= seeds; seed++) {
  for (const pair of sizes) {
    const faceHeights = Array.from({ length: pair[1] >= 160 ? 6 : 16 }, (_, i) => pair[i % 2]!);
    const g = await groupPicture({ width: 1920, height: 1280, faceHeights, seed: seed * 100 + pair[0] });
    const img = await decodeImage(g.image);
    const whole = (await detectFaces(img, { tiles: false })).map((f) => f.box);
    t = performance.now();
    const tiled = (await detectFaces(img)).map((f) => f.box);
    groupTime += performance.now() - t; groups++;
    groupFp += tiled.filter((b) => recall([b], g.faces).hit === 0).length;
    g.faces.forEach((face, i) => {
      const e = bySize.get(faceHeights[i]!) ?? { whole: 0, tiles: 0, n: 0 };
      e.n++; e.whole += recall(whole, [face]).hit; e.tiles += recall(tiled, [face]).hit;
      bySize.set(faceHeights[i]!, e);
    });
  }
}
for (const [h, e] of [...bySize].sort((a, b) => a[0] - b[0])) {
  console.log(`  face ${String(h).padStart(3)} px: whole frame ${pct(e.whole, e.n).padEnd(16)} with tiles ${pct(e.tiles, e.n)}`);
}
console.log(`  extra boxes over ${groups} pictures: ${groupFp}; detection ${ms(groupTime / groups)} per picture\n`);

// 3. Photos without faces
const noFace = NO_FACE_PHOTOS.filter((p) => existsSync(p));
let noFaceBoxes = 0;
for (const p of noFace) noFaceBoxes += (await detectFaces(await decodeImage(readPhoto(p)))).length;
console.log(`photos without faces (scikit-image): ${noFaceBoxes} boxes in ${noFace.length} photos\n`);

// 4. Time per 1920-px photo, end to end (decode, detect, blur, encode; then with OCR). CPU time of
// this process is given too: on a shared machine it moves far less with load than wall time.
const timings = { faces: [] as number[], facesCpu: [] as number[], ocr: [] as number[] };
for (const p of FACE_API_PHOTOS) {
  const input = readPhoto(p.path);
  t = performance.now();
  const cpu = process.cpuUsage();
  await processImage(input, { ocr: false });
  timings.faces.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  timings.facesCpu.push((used.user + used.system) / 1000);
  t = performance.now();
  await processImage(input);
  timings.ocr.push(performance.now() - t);
}
console.log('processImage on the six 1920-px photos (models already loaded):');
console.log(`  detect + blur + encode: median ${ms(median(timings.faces))} wall, ${ms(median(timings.facesCpu))} CPU; max ${ms(Math.max(...timings.faces))} wall`);
console.log(`  with OCR (tesseract chi_sim+eng, one thread): median ${ms(median(timings.ocr))} wall, max ${ms(Math.max(...timings.ocr))}`);

// 5. Tile sizes compared (--tiles): the same group pictures of 30- and 40-px faces, two seeds.
if (tileSizes.length) console.log('\ntile sizes (1920×1280 group pictures, 16 faces of 30/40 px, 2 seeds; extra boxes in real and face-less photos):');
for (const tileSize of tileSizes) {
  const hits = new Map<number, { hit: number; n: number }>();
  let extra = 0, cpuMs = 0, pictures = 0;
  for (let seed = 1; seed <= 2; seed++) {
    const faceHeights = Array.from({ length: 16 }, (_, i) => (i % 2 ? 40 : 30));
    const g = await groupPicture({ width: 1920, height: 1280, faceHeights, seed: seed * 100 + 30 });
    const img = await decodeImage(g.image);
    const cpu = process.cpuUsage();
    const boxes = (await detectFaces(img, { tileSize })).map((f) => f.box);
    const used = process.cpuUsage(cpu);
    cpuMs += (used.user + used.system) / 1000; pictures++;
    extra += boxes.filter((b) => recall([b], g.faces).hit === 0).length;
    g.faces.forEach((face, i) => {
      const e = hits.get(faceHeights[i]!) ?? { hit: 0, n: 0 };
      e.n++; e.hit += recall(boxes, [face]).hit;
      hits.set(faceHeights[i]!, e);
    });
  }
  let realExtra = 0, noFaceExtra = 0;
  for (const p of photos) realExtra += (await detectFaces(await decodeImage(readPhoto(p.path)), { tileSize })).filter((f) => recall([f.box], p.faces).hit === 0).length;
  for (const p of noFace) noFaceExtra += (await detectFaces(await decodeImage(readPhoto(p)), { tileSize })).length;
  console.log(`  ${String(tileSize).padStart(4)} px: ${[...hits].sort((a, b) => b[0] - a[0]).map(([h, e]) => `${h} px ${e.hit}/${e.n}`).join(', ')}; extra boxes: group ${extra}, real ${realExtra}, no-face ${noFaceExtra}; ${ms(cpuMs / pictures)} CPU per picture`);
}
console.log(`machine load at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
