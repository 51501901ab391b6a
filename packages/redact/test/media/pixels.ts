import sharp from 'sharp';
import type { Box } from '../../src/media/image/index.ts';

export interface Pixels { readonly data: Buffer; readonly width: number; readonly height: number; readonly channels: number }

export async function pixels(image: Buffer | sharp.Sharp): Promise<Pixels> {
  const s = Buffer.isBuffer(image) ? sharp(image) : image;
  const { data, info } = await s.autoOrient().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const inner = (p: Pixels, b: Box) => ({
  x0: Math.max(0, Math.round(b.x)), y0: Math.max(0, Math.round(b.y)),
  x1: Math.min(p.width, Math.round(b.x + b.width)), y1: Math.min(p.height, Math.round(b.y + b.height)),
});

const luma = (p: Pixels, x: number, y: number): number => {
  const i = (y * p.width + x) * p.channels;
  return p.channels >= 3 ? 0.299 * p.data[i]! + 0.587 * p.data[i + 1]! + 0.114 * p.data[i + 2]! : p.data[i]!;
};

/** Mean absolute difference between neighbouring pixels: edges and texture, what a blur removes. */
export function detail(p: Pixels, b: Box): number {
  const { x0, y0, x1, y1 } = inner(p, b);
  let sum = 0, n = 0;
  for (let y = y0; y < y1 - 1; y++) for (let x = x0; x < x1 - 1; x++) {
    const v = luma(p, x, y);
    sum += Math.abs(v - luma(p, x + 1, y)) + Math.abs(v - luma(p, x, y + 1));
    n++;
  }
  return n ? sum / n : 0;
}

/** Mean absolute difference per channel between two same-sized pictures inside a box. */
export function meanDiff(a: Pixels, b: Pixels, box: Box): number {
  const { x0, y0, x1, y1 } = inner(a, box);
  let sum = 0, n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    for (let c = 0; c < Math.min(a.channels, b.channels); c++) {
      const i = (y * a.width + x) * a.channels + c, j = (y * b.width + x) * b.channels + c;
      sum += Math.abs(a.data[i]! - b.data[j]!);
      n++;
    }
  }
  return n ? sum / n : 0;
}

/** Mean brightness and the brightest pixel in a box (a mask is solid black). */
export function brightness(p: Pixels, b: Box): { mean: number; max: number } {
  const { x0, y0, x1, y1 } = inner(p, b);
  let sum = 0, max = 0, n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const v = luma(p, x, y);
    sum += v; max = Math.max(max, v); n++;
  }
  return { mean: n ? sum / n : 0, max };
}

/** Distinct colours in a box. */
export function colours(p: Pixels, b: Box): number {
  const { x0, y0, x1, y1 } = inner(p, b);
  const seen = new Set<string>();
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
    const i = (y * p.width + x) * p.channels;
    seen.add(p.data.subarray(i, i + p.channels).toString('hex'));
  }
  return seen.size;
}

/** Whether every pixel outside the boxes is identical in both pictures. */
export function sameOutside(a: Pixels, b: Pixels, boxes: readonly Box[]): boolean {
  const inAny = (x: number, y: number) => boxes.some((k) => x >= k.x && x < k.x + k.width && y >= k.y && y < k.y + k.height);
  for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) {
    if (inAny(x, y)) continue;
    const i = (y * a.width + x) * a.channels;
    if (a.data.compare(b.data, i, i + a.channels, i, i + a.channels) !== 0) return false;
  }
  return true;
}
