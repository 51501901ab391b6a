import { HutongError } from '@hutong/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectFaces } from '../../src/media/image/face-detector.ts';
import { faceApi } from '../../src/media/image/face-model.ts';
import { decodeImage } from '../../src/media/image/image-input.ts';
import { processImage, type Box, type ImageFinding } from '../../src/media/image/index.ts';
import { covers, FACE_API_PHOTOS, groupPicture, readPhoto, recall, SKIMAGE_PHOTOS } from './image-fixtures.ts';
import { colours, detail, meanDiff, pixels, sameOutside } from './pixels.ts';

const SLOW = 180_000;
const faceBoxes = (findings: readonly ImageFinding[]): Box[] => findings.filter((f) => f.kind === 'face').map((f) => f.box);
/** What the same detector still finds in a processed picture. */
const stillFound = async (output: Buffer): Promise<Box[]> => (await detectFaces(await decodeImage(output))).map((f) => f.box);
const astronaut = SKIMAGE_PHOTOS[0]!;

describe('faces in real photos (第十四条: no portrait of a child in difficulty)', () => {
  it.each(FACE_API_PHOTOS.map((p) => [p.name, p] as const))('%s: every face is found and blurred beyond recognition', async (_n, photo) => {
    const input = readPhoto(photo.path);
    const r = await processImage(input, { ocr: false });
    const faces = r.findings.filter((f) => f.kind === 'face');
    expect(recall(faceBoxes(r.findings), photo.faces).missed).toEqual([]);
    expect(faces.every((f) => f.action === 'blurred' && f.reason.includes('第十四条'))).toBe(true);
    const [before, after] = await Promise.all([pixels(input), pixels(r.output)]);
    for (const face of photo.faces) expect(detail(after, face)).toBeLessThan(detail(before, face) * 0.25);
    // The detector that found them cannot find them again.
    const again = await stillFound(r.output);
    expect(photo.faces.filter((f) => again.some((a) => covers(a, f)))).toEqual([]);
  }, SLOW);

  it.each(SKIMAGE_PHOTOS.map((p) => [p.name, p] as const))('%s: only the padded face changes, the rest of the picture is pixel-identical', async (_n, photo) => {
    const input = readPhoto(photo.path);
    const r = await processImage(input, { ocr: false });
    expect(r.mime).toBe('image/png');
    const boxes = faceBoxes(r.findings);
    expect(boxes).toHaveLength(1);
    const face = photo.faces[0]!, box = boxes[0]!;
    // Padded for hair above and ears beside the brow-to-chin detection.
    expect(box.y).toBeLessThanOrEqual(face.y - face.height * 0.3);
    expect(box.x).toBeLessThanOrEqual(face.x - face.width * 0.1);
    expect(box.x + box.width).toBeGreaterThanOrEqual(face.x + face.width * 1.1);
    const [before, after] = await Promise.all([pixels(sharp(input).toColourspace('srgb')), pixels(r.output)]);
    expect(sameOutside(before, after, boxes)).toBe(true);
    expect(detail(after, face)).toBeLessThan(detail(before, face) * 0.25);
  }, SLOW);

  it('pixelate leaves a few coarse blocks of colour', async () => {
    const input = readPhoto(astronaut.path);
    const r = await processImage(input, { ocr: false, faces: 'pixelate' });
    const face = r.findings[0]!;
    expect([face.action, face.reason]).toEqual(['pixelated', expect.stringContaining('马赛克')]);
    const [before, after] = await Promise.all([pixels(input), pixels(r.output)]);
    expect(colours(before, face.box)).toBeGreaterThan(2000);
    expect(colours(after, face.box)).toBeLessThanOrEqual(64);
  }, SLOW);

  it('keepFaces leaves the marked face exactly as it was and processes the others', async () => {
    const alone = await processImage(readPhoto(astronaut.path), { ocr: false, keepFaces: ['face-0'] });
    expect(alone.findings.map((f) => [f.id, f.action])).toEqual([['face-0', 'kept']]);
    expect(alone.findings[0]!.reason).toContain('第十三条');
    expect(sameOutside(await pixels(sharp(readPhoto(astronaut.path))), await pixels(alone.output), [])).toBe(true);

    const photo = FACE_API_PHOTOS[0]!;
    const input = readPhoto(photo.path);
    const r = await processImage(input, { ocr: false, keepFaces: ['face-1'] });
    expect(r.findings.map((f) => f.action)).toEqual(['blurred', 'kept', 'blurred']);
    const kept = r.findings[1]!;
    const [before, after] = await Promise.all([pixels(input), pixels(r.output)]);
    expect(meanDiff(before, after, kept.box)).toBeLessThan(3); // JPEG re-encoding only
    for (const f of [r.findings[0]!, r.findings[2]!]) expect(meanDiff(before, after, f.box)).toBeGreaterThan(8);
  }, SLOW);

  it('ids are stable for the same input and follow reading order', async () => {
    const input = readPhoto(FACE_API_PHOTOS[4]!.path);
    const a = await processImage(input, { ocr: false });
    const tf = (await faceApi()).tf as unknown as typeof import('@tensorflow/tfjs');
    const tensors = tf.memory().numTensors;
    const b = await processImage(input, { ocr: false });
    expect(tf.memory().numTensors).toBe(tensors); // no tensor left behind per photo
    expect(b.findings).toEqual(a.findings);
    expect(a.findings.map((f) => f.id)).toEqual(['face-0', 'face-1', 'face-2', 'face-3', 'face-4']);
    const ys = a.findings.map((f) => f.box.y);
    expect([...ys].sort((x, y) => x - y)).toEqual(ys);
    expect(a.output.equals(b.output)).toBe(true);
  }, SLOW);

  it('a keepFaces id that is not in the picture is refused, not ignored', async () => {
    const e = await processImage(readPhoto(astronaut.path), { ocr: false, keepFaces: ['face-3'] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HutongError);
    expect((e as HutongError).message).toContain('共检测到 1 张人脸');
  }, SLOW);

  it('a transparent PNG: no original pixel of the face shows through', async () => {
    const input = readPhoto(astronaut.path);
    const rgba = await sharp(input).ensureAlpha(0.5).png().toBuffer();
    const r = await processImage(rgba, { ocr: false });
    const face = r.findings[0]!;
    const [before, after] = await Promise.all([pixels(rgba), pixels(r.output)]);
    expect(after.channels).toBe(4);
    let same = 0, n = 0;
    for (let y = face.box.y; y < face.box.y + face.box.height; y++) for (let x = face.box.x; x < face.box.x + face.box.width; x++) {
      const i = (y * after.width + x) * 4;
      if (before.data.compare(after.data, i, i + 3, i, i + 3) === 0) same++;
      n++;
    }
    expect(same / n).toBeLessThan(0.02);
  }, SLOW);
});

describe('synthetic group pictures (real faces placed on a 1920-px canvas)', () => {
  it('finds every face from 60 to 140 px high and none survives the blur', async () => {
    const g = await groupPicture({ width: 1920, height: 1280, faceHeights: [60, 70, 80, 100, 120, 140, 60, 70, 80, 100, 120, 140], seed: 11 });
    const r = await processImage(g.image, { ocr: false });
    expect(recall(faceBoxes(r.findings), g.faces).missed).toEqual([]);
    const again = await stillFound(r.output);
    expect(g.faces.filter((f) => again.some((a) => covers(a, f)))).toEqual([]);
  }, SLOW);

  it('finds 11 of 12 faces 40 px high in a class photo, where the whole frame finds none (768-px tiles found 6–8)', async () => {
    const g = await groupPicture({ width: 1920, height: 1280, faceHeights: Array(12).fill(40), seed: 23 });
    const img = await decodeImage(g.image);
    expect(recall((await detectFaces(img, { tiles: false })).map((f) => f.box), g.faces).hit).toBe(0);
    expect(recall((await detectFaces(img)).map((f) => f.box), g.faces).hit).toBeGreaterThanOrEqual(11);
  }, SLOW);

  it('a 4000-px photo is detected on a smaller frame and the boxes scale back', async () => {
    const photo = FACE_API_PHOTOS[0]!;
    const k = 4000 / 1920;
    const big = await sharp(readPhoto(photo.path)).resize(4000).jpeg({ quality: 85 }).toBuffer();
    const r = await processImage(big, { ocr: false });
    expect(r.width).toBe(4000);
    const truth = photo.faces.map((f) => ({ x: f.x * k, y: f.y * k, width: f.width * k, height: f.height * k }));
    expect(recall(faceBoxes(r.findings), truth).missed).toEqual([]);
  }, SLOW);
});
