import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processImage } from '../../src/media/image/index.ts';
import { jpegHasComment, metadataBlocks, parseExif, pngHasText } from '../../src/media/image/metadata-blocks.ts';
import { exifBlock, withIptc, withJpegComment, withPngText } from './metadata-fixtures.ts';
import { covers, readPhoto, SKIMAGE_PHOTOS } from './image-fixtures.ts';

// Synthetic position (a made-up spot in 松溪县) and a made-up child's name in the metadata.
const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '27/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 47/1 6/1' };
const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Lin Xiaoyu</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
const plain = () => sharp({ create: { width: 96, height: 64, channels: 3, background: '#3a6' } });

/** Nothing of the metadata, by sharp's reading and by the bytes themselves. */
async function expectNoMetadata(out: Buffer, leaked: string[]) {
  const m = await sharp(out).metadata();
  expect([m.exif, m.xmp, m.iptc, m.icc, m.comments]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  expect(m.orientation ?? 1).toBe(1);
  for (const s of ['Exif\0\0', 'ns.adobe.com', 'Photoshop 3.0', ...leaked]) expect(out.includes(Buffer.from(s, 'utf8'))).toBe(false);
}

describe('metadata removal (第十四条: a GPS position is a home or school address)', () => {
  it('JPEG: EXIF with GPS, XMP, IPTC, ICC and a comment are reported and none is in the output', async () => {
    let jpeg = await plain().jpeg().withExif({ IFD0: { Make: 'HutongCam', Artist: 'Lin Xiaoyu' }, IFD3: GPS }).withXmp(XMP).withIccProfile('p3').toBuffer();
    jpeg = withIptc(withJpegComment(jpeg, 'Lin Xiaoyu, Songxi No.2 Primary'), 'Photographer Zhang', 'Lin Xiaoyu at home');
    const r = await processImage(jpeg, { ocr: false });
    expect(r.metadataRemoved).toEqual(['EXIF', 'GPS', 'XMP', 'IPTC', 'ICC', 'comment']);
    expect(r.mime).toBe('image/jpeg');
    await expectNoMetadata(r.output, ['HutongCam', 'Lin Xiaoyu', 'Songxi', 'Photographer Zhang']);
  });

  it('EXIF without a position is reported as EXIF only', async () => {
    const r = await processImage(await plain().jpeg().withExif({ IFD0: { Make: 'HutongCam' } }).toBuffer(), { ocr: false });
    expect(r.metadataRemoved).toEqual(['EXIF']);
    await expectNoMetadata(r.output, ['HutongCam']);
  });

  it('PNG: EXIF, XMP and a tEXt comment are removed and the output stays PNG', async () => {
    const png = withPngText(await plain().png().withExif({ IFD3: GPS }).withXmp(XMP).toBuffer(), 'Comment', 'Lin Xiaoyu');
    const r = await processImage(png, { ocr: false });
    expect(r.metadataRemoved).toEqual(['EXIF', 'GPS', 'XMP', 'comment']);
    expect(r.mime).toBe('image/png');
    await expectNoMetadata(r.output, ['Lin Xiaoyu']);
  });

  it('WebP: EXIF with GPS and XMP are removed and the output stays WebP', async () => {
    const r = await processImage(await plain().webp().withExif({ IFD3: GPS }).withXmp(XMP).toBuffer(), { ocr: false });
    expect(r.metadataRemoved).toEqual(['EXIF', 'GPS', 'XMP']);
    expect(r.mime).toBe('image/webp');
    await expectNoMetadata(r.output, ['Lin Xiaoyu']);
  });

  it('a clean input reports nothing removed', async () => {
    const r = await processImage(await plain().png().toBuffer(), { ocr: false });
    expect(r.metadataRemoved).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

describe('EXIF orientation is applied before anything else', () => {
  it('a sideways-stored photo comes out upright, with its face box in the upright picture', async () => {
    const astronaut = SKIMAGE_PHOTOS[0]!;
    const upright = readPhoto(astronaut.path);
    // Stored rotated 90° anticlockwise; orientation 6 tells viewers to turn it clockwise.
    const stored = await sharp(upright).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const r = await processImage(stored, { ocr: false });
    expect([r.width, r.height]).toEqual([512, 512]);
    const face = r.findings.find((f) => f.kind === 'face');
    expect(face && covers(face.box, astronaut.faces[0]!)).toBe(true);
    expect((await sharp(r.output).metadata()).orientation ?? 1).toBe(1);
  });

  it('a landscape picture with orientation 6 becomes portrait, pixels turned clockwise', async () => {
    // A red block in the stored top-left corner ends up top-right once turned clockwise.
    const stored = await sharp({ create: { width: 120, height: 60, channels: 3, background: '#ffffff' } })
      .composite([{ input: { create: { width: 20, height: 20, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .png().toBuffer();
    const jpeg = await sharp(stored).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const r = await processImage(jpeg, { ocr: false });
    expect([r.width, r.height]).toEqual([60, 120]);
    const { data } = await sharp(r.output).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * 60 + x) * 3, (y * 60 + x) * 3 + 3)];
    expect(px(55, 5)[0]).toBeGreaterThan(200);
    expect(px(55, 5)[1]).toBeLessThan(60);
    expect(px(5, 5)[1]).toBeGreaterThan(200);
  });
});

describe('metadata parsing', () => {
  it('GPS counts only when the GPS directory holds more than its version tag', () => {
    expect(parseExif(exifBlock({ gpsTags: [0, 1, 2], thumbnail: false }))).toEqual({ gps: true, thumbnail: false });
    expect(parseExif(exifBlock({ gpsTags: [0], thumbnail: false }))).toEqual({ gps: false, thumbnail: false });
  });

  it('an EXIF thumbnail (the unprocessed photo in miniature) is reported', () => {
    const exif = exifBlock({ gpsTags: [2], thumbnail: true });
    expect(parseExif(exif)).toEqual({ gps: true, thumbnail: true });
    expect(metadataBlocks({ exif, format: 'jpeg' } as never, Buffer.alloc(0))).toEqual(['EXIF', 'GPS', 'EXIF thumbnail']);
  });

  it('survives truncated or hostile EXIF blocks', () => {
    const full = exifBlock({ gpsTags: [1, 2, 3, 4], thumbnail: true });
    for (let n = 0; n < full.length; n += 3) expect(() => parseExif(full.subarray(0, n))).not.toThrow();
    expect(parseExif(Buffer.from('Exif\0\0MM\0*\xff\xff\xff\xff', 'latin1'))).toEqual({ gps: false, thumbnail: false });
  });

  it('finds PNG text chunks wherever they are, but not XMP', async () => {
    const png = await plain().png().toBuffer();
    expect(pngHasText(png)).toBe(false);
    expect(pngHasText(withPngText(png, 'Comment', 'x'))).toBe(true);
    const iend = png.length - 12;
    const late = Buffer.concat([png.subarray(0, iend), withPngText(png, 'Author', 'y').subarray(33, 33 + 12 + 8), png.subarray(iend)]);
    expect(pngHasText(late)).toBe(true);
    expect(pngHasText(await plain().png().withXmp(XMP).toBuffer())).toBe(false);
  });

  it('finds a JPEG comment before the scan only', async () => {
    const jpeg = await plain().jpeg().toBuffer();
    expect(jpegHasComment(jpeg)).toBe(false);
    expect(jpegHasComment(withJpegComment(jpeg, 'x'))).toBe(true);
    expect(jpegHasComment(Buffer.from('not a jpeg'))).toBe(false);
  });
});
