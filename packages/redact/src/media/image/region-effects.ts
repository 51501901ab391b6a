import sharp from 'sharp';
import type { Box } from './image.types.ts';
import { rawInput, type DecodedImage } from './image-input.ts';

export type Effect = 'blur' | 'pixelate' | 'mask';

/**
 * Coarse grid the face is reduced to before it is smoothed or shown as blocks: whatever the
 * blur radius, only these few samples of the face survive, so no deconvolution can bring it back.
 */
const BLUR_CELLS = 6;
const PIXEL_CELLS = 8;

export interface Patch { readonly box: Box; readonly pixels: Buffer }

/** The replacement pixels for one region (whole pixels inside the image), same channels as the image. */
export async function regionPatch(img: DecodedImage, box: Box, effect: Effect): Promise<Patch> {
  const { x: left, y: top, width, height } = box;
  const raw = { raw: { width, height, channels: img.channels } } as const;
  if (effect === 'mask') {
    // Opaque black, alpha included: a see-through mask on a PNG would hide nothing.
    return { box, pixels: await sharp({ create: { width, height, channels: img.channels, background: { r: 0, g: 0, b: 0, alpha: 1 } } }).raw().toBuffer() };
  }
  const cells = effect === 'blur' ? BLUR_CELLS : PIXEL_CELLS;
  const k = cells / Math.max(width, height);
  const cw = Math.max(1, Math.round(width * k)), ch = Math.max(1, Math.round(height * k));
  const coarse = await sharp(img.data, rawInput(img)).extract({ left, top, width, height }).resize(cw, ch, { kernel: 'cubic' }).raw().toBuffer();
  const up = await sharp(coarse, { raw: { width: cw, height: ch, channels: img.channels } })
    .resize(width, height, { kernel: effect === 'blur' ? 'cubic' : 'nearest' }).raw().toBuffer();
  if (effect === 'pixelate') return { box, pixels: up };
  return { box, pixels: await sharp(up, raw).blur(Math.max(2, Math.max(width, height) / 10)).raw().toBuffer() };
}

/**
 * The picture with every patch written over it, later patches on top. Pixels are replaced,
 * not blended, so nothing of the original shows through a half-transparent area.
 */
export function applyPatches(img: DecodedImage, patches: readonly Patch[]): Buffer {
  const out = Buffer.from(img.data);
  const c = img.channels;
  for (const { box, pixels } of patches) {
    const rowBytes = box.width * c;
    for (let row = 0; row < box.height; row++) {
      pixels.copy(out, ((box.y + row) * img.width + box.x) * c, row * rowBytes, (row + 1) * rowBytes);
    }
  }
  return out;
}

/**
 * Encode the processed picture from pixels alone: nothing of the input file (EXIF, GPS, XMP,
 * IPTC, ICC, comments, trailing bytes) can reach the output.
 */
export async function encode(img: DecodedImage, pixels: Buffer): Promise<Buffer> {
  const s = sharp(pixels, rawInput(img));
  switch (img.format) {
    case 'jpeg': return s.jpeg({ quality: 90 }).toBuffer();
    case 'png': return s.png({ compressionLevel: 6 }).toBuffer();
    case 'webp': return s.webp({ quality: 90 }).toBuffer();
  }
}
