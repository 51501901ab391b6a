import type { Metadata } from 'sharp';

/**
 * The metadata blocks an input carries, named for reviewers. The output is encoded from decoded
 * pixels, so none of them survives; this only says what was there (a GPS position in a child's
 * photo is the home or school address that 第十四条 forbids publishing).
 */
export function metadataBlocks(meta: Metadata, input: Buffer): string[] {
  const out: string[] = [];
  if (meta.exif?.length) {
    out.push('EXIF');
    const exif = parseExif(meta.exif);
    if (exif.gps) out.push('GPS');
    // The embedded preview is the unprocessed photo, face included.
    if (exif.thumbnail) out.push('EXIF thumbnail');
  }
  if (meta.xmp?.length) out.push('XMP');
  if (meta.iptc?.length) out.push('IPTC');
  if (meta.tifftagPhotoshop?.length) out.push('Photoshop');
  if (meta.icc?.length) out.push('ICC');
  if (meta.comments?.length || (meta.format === 'jpeg' && jpegHasComment(input)) || (meta.format === 'png' && pngHasText(input))) out.push('comment');
  return out;
}

interface ExifFacts { gps: boolean; thumbnail: boolean }

const TAG_GPS_IFD = 0x8825;
const TAG_THUMB_OFFSET = 0x0201;
const TAG_GPS_VERSION = 0x0000;

/**
 * Just enough TIFF to see whether a GPS directory holds a position (anything beyond its version
 * tag) and whether IFD1 carries a thumbnail. Every read is bounds-checked: the block is input.
 */
export function parseExif(block: Buffer): ExifFacts {
  const facts: ExifFacts = { gps: false, thumbnail: false };
  const start = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  const tiff = block.subarray(start);
  if (tiff.length < 8) return facts;
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return facts;
  const le = order === 'II';
  const u16 = (o: number): number | null => (o >= 0 && o + 2 <= tiff.length ? (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o)) : null);
  const u32 = (o: number): number | null => (o >= 0 && o + 4 <= tiff.length ? (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o)) : null);
  const entries = (ifd: number): { tags: Map<number, number>; next: number | null } => {
    const tags = new Map<number, number>();
    const n = u16(ifd);
    if (n === null) return { tags, next: null };
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      const tag = u16(e), value = u32(e + 8);
      if (tag === null || value === null) break;
      tags.set(tag, value);
    }
    return { tags, next: u32(ifd + 2 + n * 12) };
  };
  const ifd0Offset = u32(4);
  if (ifd0Offset === null) return facts;
  const ifd0 = entries(ifd0Offset);
  const gpsOffset = ifd0.tags.get(TAG_GPS_IFD);
  if (gpsOffset !== undefined) facts.gps = [...entries(gpsOffset).tags.keys()].some((t) => t !== TAG_GPS_VERSION);
  if (ifd0.next) facts.thumbnail = entries(ifd0.next).tags.has(TAG_THUMB_OFFSET);
  return facts;
}

/** A JPEG COM segment (0xFFFE) before the scan; libvips does not report these. */
export function jpegHasComment(jpeg: Buffer): boolean {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return false;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) return false;
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) { at++; continue; }  // fill bytes
    if (marker === 0xda || marker === 0xd9) return false; // start of scan / end of image
    if (marker === 0xfe) return true;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; } // no length
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return false;
}

const PNG_TEXT = new Set(['tEXt', 'zTXt', 'iTXt']);

/** A PNG text chunk anywhere in the file (libvips reports only those before the pixel data). */
export function pngHasText(png: Buffer): boolean {
  let at = 8;
  while (at + 8 <= png.length) {
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    // XMP travels in a text chunk too, and is reported as XMP.
    if (PNG_TEXT.has(type) && png.subarray(at + 8, at + 26).toString('latin1') !== 'XML:com.adobe.xmp\0') return true;
    if (type === 'IEND') return false;
    at += 12 + png.readUInt32BE(at);
  }
  return false;
}
