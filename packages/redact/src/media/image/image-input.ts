import sharp, { type Metadata } from 'sharp';
import { HutongError } from '@hutong/core';
import { imageErrors } from './image-errors.ts';
import { metadataBlocks } from './metadata-blocks.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp';
export const FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'webp'];

/** About 80 million pixels (a 50 MP phone photo fits); larger ones would need gigabytes once decoded. */
export const MAX_PIXELS = 80_000_000;

/** Decoded, upright, 8-bit sRGB pixels: everything later works on these, never on the input bytes. */
export interface DecodedImage {
  readonly format: ImageFormat;
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly metadataRemoved: string[];
}

export const rawInput = (img: Pick<DecodedImage, 'width' | 'height' | 'channels'>) =>
  ({ raw: { width: img.width, height: img.height, channels: img.channels } }) as const;

/**
 * Check and decode one picture. EXIF orientation is applied first so boxes are in the
 * orientation people see; colour is converted to sRGB (the ICC profile is then not needed).
 * Only JPEG, PNG and WebP are accepted: SVG could reference outside files, and formats we do not
 * publish need not be parsed at all. Truncated or corrupt data is refused, never half-processed.
 */
export async function decodeImage(input: Buffer): Promise<DecodedImage> {
  if (!Buffer.isBuffer(input) || input.length === 0) throw imageErrors.empty();
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw imageErrors.notAnImage();
  }
  const format = meta.format as string | undefined;
  if (!format || !FORMATS.includes(format as ImageFormat)) throw imageErrors.unsupported(format ?? '未知');
  if ((meta.pages ?? 1) > 1) throw imageErrors.animated(meta.pages!);
  const w = meta.width ?? 0, h = meta.height ?? 0;
  if (!w || !h) throw imageErrors.notAnImage();
  if (w * h > MAX_PIXELS) throw imageErrors.tooLarge(w, h, MAX_PIXELS);
  const hasAlpha = meta.hasAlpha === true;
  try {
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: MAX_PIXELS })
      .autoOrient()
      .toColourspace('srgb')
      [hasAlpha ? 'ensureAlpha' : 'removeAlpha']()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw imageErrors.notAnImage();
    return {
      format: format as ImageFormat, data, width: info.width, height: info.height, channels: info.channels,
      metadataRemoved: metadataBlocks(meta, input),
    };
  } catch (e) {
    if (e instanceof HutongError) throw e;
    throw imageErrors.corrupt();
  }
}

/** Three-channel pixels for the detectors; transparency is shown on white, as viewers do. */
export async function opaqueRgb(img: DecodedImage, maxSide?: number): Promise<{ data: Buffer; width: number; height: number; scale: number }> {
  let s = sharp(img.data, rawInput(img));
  if (img.channels === 4) s = s.flatten({ background: '#ffffff' });
  const long = Math.max(img.width, img.height);
  const scale = maxSide && long > maxSide ? maxSide / long : 1;
  if (scale < 1) s = s.resize(Math.max(1, Math.round(img.width * scale)), Math.max(1, Math.round(img.height * scale)), { kernel: 'lanczos3' });
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, scale: info.width / img.width };
}
