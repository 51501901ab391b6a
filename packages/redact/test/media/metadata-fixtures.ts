/**
 * Metadata blocks sharp cannot write (JPEG comments, IPTC, PNG text), built byte by byte so the
 * tests can prove they are reported and gone from the output.
 */
import { crc32, deflateSync } from 'node:zlib';

/** Insert a JPEG marker segment right after SOI. */
export function withJpegSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

export const withJpegComment = (jpeg: Buffer, text: string): Buffer => withJpegSegment(jpeg, 0xfe, Buffer.from(text, 'utf8'));

/** APP13 "Photoshop 3.0" with one 8BIM IPTC resource holding record 2 datasets (by-line 2:80, caption 2:120). */
export function withIptc(jpeg: Buffer, byline: string, caption: string): Buffer {
  const dataset = (n: number, text: string): Buffer => {
    const v = Buffer.from(text, 'utf8');
    const h = Buffer.from([0x1c, 0x02, n, 0, 0]);
    h.writeUInt16BE(v.length, 3);
    return Buffer.concat([h, v]);
  };
  let iptc = Buffer.concat([dataset(80, byline), dataset(120, caption)]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  if (iptc.length % 2) iptc = Buffer.concat([iptc, Buffer.from([0])]);
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), size, iptc]);
  return withJpegSegment(jpeg, 0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]));
}

/** A PNG tEXt chunk inserted right after IHDR (where encoders put it; some readers ignore text after the pixels). */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const type = Buffer.from('tEXt', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  const afterIhdr = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, afterIhdr), len, type, data, crc, png.subarray(afterIhdr)]);
}

const pngChunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc]);
};

/** A PNG whose header claims a size, with a few bytes of pixel data behind it (size checks read only the header). */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A hand-built EXIF block (little-endian TIFF): IFD0 with a GPS pointer, a GPS IFD with the given
 * tags, and optionally IFD1 with a thumbnail pointer.
 */
export function exifBlock(opts: { gpsTags: number[]; thumbnail: boolean }): Buffer {
  const ifd = (entries: Array<[number, number]>, next: number): Buffer => {
    const b = Buffer.alloc(2 + entries.length * 12 + 4);
    b.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, value], i) => {
      b.writeUInt16LE(tag, 2 + i * 12);
      b.writeUInt16LE(4, 4 + i * 12); // LONG
      b.writeUInt32LE(1, 6 + i * 12);
      b.writeUInt32LE(value, 10 + i * 12);
    });
    b.writeUInt32LE(next, 2 + entries.length * 12);
    return b;
  };
  const ifd0At = 8, ifd0Len = 2 + 12 + 4;
  const gpsAt = ifd0At + ifd0Len, gpsLen = 2 + opts.gpsTags.length * 12 + 4;
  const ifd1At = gpsAt + gpsLen;
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from('Exif\0\0', 'latin1'), header,
    ifd([[0x8825, gpsAt]], opts.thumbnail ? ifd1At : 0),
    ifd(opts.gpsTags.map((t) => [t, 0]), 0),
    ...(opts.thumbnail ? [ifd([[0x0201, 0], [0x0202, 0]], 0)] : []),
  ]);
}
