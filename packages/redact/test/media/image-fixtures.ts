/**
 * Real photographs for the image tests, read where they are installed (none is committed):
 * - face-api's demo photos (npm package @vladmandic/face-api, MIT), 22 faces in 6 group photos;
 * - scikit-image's astronaut (NASA, public domain) and camera (CC0), Debian python3-skimage.
 * Face boxes were drawn from the detector's output and checked by eye on an overlay.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Box } from '../../src/media/image/index.ts';

const require = createRequire(import.meta.url);
const FACE_API_DEMO = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
export const SKIMAGE_DATA = '/usr/lib/python3/dist-packages/skimage/data';

export interface Photo { readonly name: string; readonly path: string; readonly faces: readonly Box[] }

const b = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });

export const FACE_API_PHOTOS: readonly Photo[] = [
  { name: 'sample1', faces: [b(414, 355, 177, 240), b(838, 421, 186, 228), b(1476, 199, 203, 241)] },
  { name: 'sample2', faces: [b(1447, 153, 194, 242), b(902, 220, 151, 233), b(361, 126, 153, 259)] },
  { name: 'sample3', faces: [b(585, 329, 199, 271), b(1514, 292, 170, 280), b(1075, 215, 220, 299)] },
  { name: 'sample4', faces: [b(664, 53, 187, 258), b(257, 185, 162, 245), b(989, 180, 169, 227), b(1277, 144, 145, 244)] },
  { name: 'sample5', faces: [b(787, 109, 156, 212), b(1113, 198, 158, 236), b(1406, 390, 165, 271), b(598, 415, 166, 249), b(377, 859, 172, 301)] },
  { name: 'sample6', faces: [b(681, 321, 160, 307), b(1180, 305, 188, 280), b(1487, 263, 212, 296), b(250, 468, 210, 291)] },
].map((p) => ({ ...p, path: join(FACE_API_DEMO, `${p.name}.jpg`) }));

export const SKIMAGE_PHOTOS: readonly Photo[] = [
  { name: 'astronaut', path: join(SKIMAGE_DATA, 'astronaut.png'), faces: [b(181, 73, 83, 102)] },
  { name: 'camera', path: join(SKIMAGE_DATA, 'camera.png'), faces: [b(202, 119, 53, 80)] },
];

/** Pictures with no face at all (false-positive check). */
export const NO_FACE_PHOTOS: readonly string[] = ['coffee.png', 'rocket.jpg', 'motorcycle_left.png', 'brick.png', 'grass.png', 'hubble_deep_field.jpg', 'horse.png', 'retina.jpg']
  .map((f) => join(SKIMAGE_DATA, f));

/** The file's bytes, or an error that says which Debian package provides it. */
export function readPhoto(path: string): Buffer {
  if (!existsSync(path)) {
    throw new Error(path.startsWith(SKIMAGE_DATA)
      ? `测试图片 ${path} 不存在：请安装 Debian 软件包 python3-skimage（apt-get install --no-install-recommends python3-skimage）`
      : `测试图片 ${path} 不存在：请先 npm ci（@vladmandic/face-api 自带示例照片）`);
  }
  return readFileSync(path);
}

/** A face counts as found when a detected box covers its centre and most of it. */
export function covers(found: Box, face: Box): boolean {
  const cx = face.x + face.width / 2, cy = face.y + face.height / 2;
  const w = Math.min(found.x + found.width, face.x + face.width) - Math.max(found.x, face.x);
  const h = Math.min(found.y + found.height, face.y + face.height) - Math.max(found.y, face.y);
  const inside = w > 0 && h > 0 ? (w * h) / (face.width * face.height) : 0;
  return cx >= found.x && cx <= found.x + found.width && cy >= found.y && cy <= found.y + found.height && inside >= 0.5;
}

export const recall = (found: readonly Box[], truth: readonly Box[]): { hit: number; total: number; missed: Box[] } => {
  const missed = truth.filter((t) => !found.some((f) => covers(f, t)));
  return { hit: truth.length - missed.length, total: truth.length, missed };
};

/** Deterministic pseudo-random numbers (mulberry32), so a synthetic picture is the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FaceCrop { readonly png: Buffer; readonly width: number; readonly height: number; readonly face: Box }

let crops: Promise<FaceCrop[]> | undefined;
/** Each real face with its hair, ears and some shoulder, cut from the demo photos. */
export function faceCrops(): Promise<FaceCrop[]> {
  return (crops ??= (async () => {
    const out: FaceCrop[] = [];
    for (const p of FACE_API_PHOTOS) {
      const input = readPhoto(p.path);
      const { width = 0, height = 0 } = await sharp(input).metadata();
      for (const f of p.faces) {
        const x0 = Math.max(0, Math.round(f.x - f.width * 0.6)), y0 = Math.max(0, Math.round(f.y - f.height * 0.5));
        const x1 = Math.min(width, Math.round(f.x + f.width * 1.6)), y1 = Math.min(height, Math.round(f.y + f.height * 1.5));
        const png = await sharp(input).extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }).png().toBuffer();
        out.push({ png, width: x1 - x0, height: y1 - y0, face: b(f.x - x0, f.y - y0, f.width, f.height) });
      }
    }
    return out;
  })());
}

export interface GroupPicture { readonly image: Buffer; readonly faces: Box[] }

/**
 * A synthetic group photo: real faces pasted at the given face heights onto a textured
 * background, on a jittered grid so none overlaps. Ground truth is where each face went.
 */
export async function groupPicture(opts: { width: number; height: number; faceHeights: readonly number[]; seed: number; format?: 'jpeg' | 'png' }): Promise<GroupPicture> {
  const all = await faceCrops();
  const rand = rng(opts.seed);
  const n = opts.faceHeights.length;
  const cols = Math.ceil(Math.sqrt((n * opts.width) / opts.height)), rows = Math.ceil(n / cols);
  const cellW = Math.floor(opts.width / cols), cellH = Math.floor(opts.height / rows);
  const layers: sharp.OverlayOptions[] = [];
  const faces: Box[] = [];
  for (let i = 0; i < n; i++) {
    const crop = all[Math.floor(rand() * all.length)]!;
    const k = opts.faceHeights[i]! / crop.face.height;
    const w = Math.max(1, Math.min(cellW, Math.round(crop.width * k))), h = Math.max(1, Math.min(cellH, Math.round(crop.height * k)));
    const col = i % cols, row = Math.floor(i / cols);
    const left = col * cellW + Math.floor(rand() * (cellW - w + 1)), top = row * cellH + Math.floor(rand() * (cellH - h + 1));
    const input = await sharp(crop.png).resize(Math.round(crop.width * k), Math.round(crop.height * k)).extract({ left: 0, top: 0, width: w, height: h }).png().toBuffer();
    const face = b(left + crop.face.x * k, top + crop.face.y * k, crop.face.width * k, crop.face.height * k);
    if (face.x + face.width > left + w || face.y + face.height > top + h) throw new Error(`face ${i} (${opts.faceHeights[i]} px) does not fit a ${cellW}×${cellH} cell`);
    layers.push({ input, left, top });
    faces.push(face);
  }
  // Seeded noise (libvips' own noise differs every run, which would make recall flicker).
  const noise = Buffer.alloc(opts.width * opts.height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = 88 + Math.floor(rand() * 80);
  const background = await sharp(noise, { raw: { width: opts.width, height: opts.height, channels: 3 } }).blur(3).png().toBuffer();
  const s = sharp(background).composite(layers);
  const image = await (opts.format === 'png' ? s.png() : s.jpeg({ quality: 90 })).toBuffer();
  return { image, faces };
}
