import { join } from 'node:path';
import { HutongError } from '@hutong/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isImageFile, processImage } from '../../src/media/image/index.ts';
import { FACE_API_PHOTOS, readPhoto, SKIMAGE_DATA } from './image-fixtures.ts';
import { pngHeaderOnly } from './metadata-fixtures.ts';

/** The error processImage throws; nothing is returned for bad input. */
async function refusal(input: Buffer, opts = {}): Promise<HutongError> {
  const e = await processImage(input, { ocr: false, ...opts }).then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(HutongError);
  return e as HutongError;
}

const small = () => sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } });

describe('bad input is refused with a clear Chinese message', () => {
  it.each([
    ['empty', Buffer.alloc(0), '文件为空'],
    ['text', Buffer.from('王小明，身份证号见附件', 'utf8'), '不是可识别的图片文件'],
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251)), '不是可识别的图片文件'],
  ])('%s', async (_name, input, message) => {
    const e = await refusal(input);
    expect([e.statusCode, e.code]).toEqual([400, 'HUTONG_VALIDATION']);
    expect(e.message).toContain(message);
    expect(e.details.fields?.[0]?.field).toBe('image');
  });

  it('a truncated JPEG photo', async () => {
    const jpeg = readPhoto(FACE_API_PHOTOS[0]!.path);
    const e = await refusal(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
    expect(e.code).toBe('HUTONG_VALIDATION');
    expect(e.message).toContain('不完整或已损坏');
  });

  it('a truncated PNG', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 100, sigma: 30 } } }).png().toBuffer();
    const e = await refusal(png.subarray(0, Math.floor(png.length * 0.5)));
    expect(e.message).toMatch(/不完整或已损坏|不是可识别的图片/u);
  });

  it.each([
    ['GIF', () => small().gif().toBuffer(), 'gif'],
    ['TIFF', () => small().tiff().toBuffer(), 'tiff'],
    ['SVG', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>'), 'svg'],
  ])('%s is not a format we publish', async (_name, make, format) => {
    const e = await refusal(await make());
    expect(e.message).toContain(`不支持的图片格式 ${format}`);
  });

  it('an animated WebP', async () => {
    // scikit-image's 24-frame GIF, re-encoded as an animated WebP.
    const webp = await sharp(readPhoto(join(SKIMAGE_DATA, 'no_time_for_that_tiny.gif')), { animated: true }).webp().toBuffer();
    expect((await sharp(webp).metadata()).pages).toBe(24);
    expect((await refusal(webp)).message).toContain('动图有 24 帧');
  });

  it('a picture over 80 million pixels is refused before decoding', async () => {
    const e = await refusal(pngHeaderOnly(12000, 8000));
    expect(e.message).toContain('12000×8000');
  });

  it.each([
    [{ faces: 'smudge' }, 'faces'],
    [{ keepFaces: 'face-0' }, 'keepFaces'],
    [{ keepFaces: ['face-0', 'eyes'] }, 'keepFaces'],
    [{ keepFaces: ['face-01'] }, 'keepFaces'],
    [{ ocr: 'yes' }, 'ocr'],
    [{ registry: { name: 'registry' } }, 'registry'],
  ])('bad option %j', async (opts, field) => {
    const e = await refusal(await small().png().toBuffer(), opts);
    expect(e.details.fields?.[0]?.field).toBe(field);
  });
});

describe('unusual but valid pictures', () => {
  it('16-bit grey PNG and CMYK JPEG come out as 8-bit sRGB in their own format', async () => {
    const grey16 = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } }).toColourspace('grey16').png().toBuffer();
    const cmyk = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#cc3333' } }).toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const [g, c] = [await processImage(grey16, { ocr: false }), await processImage(cmyk, { ocr: false })];
    expect([g.mime, c.mime]).toEqual(['image/png', 'image/jpeg']);
    for (const r of [g, c]) {
      const m = await sharp(r.output).metadata();
      expect([m.depth, m.space, m.width, m.height]).toEqual(['uchar', 'srgb', 64, 48]);
    }
    const { data } = await sharp(c.output).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150); // still red, not CMYK numbers read as RGB
    expect(data[1]).toBeLessThan(90);
  });
});

describe('isImageFile', () => {
  it.each([['照片.jpg', true], ['a.JPEG', true], ['x.png', true], ['x.webp', true], ['x.gif', false], ['x.svg', false], ['jpg', false], ['x.jpg.txt', false]])('%s → %s', (name, want) => {
    expect(isImageFile(name)).toBe(want);
  });
});
