/** Byte helpers shared by the crypto module. Strings are always UTF-8. */

export type BytesLike = Uint8Array | string;

export function toBuffer(data: BytesLike): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  // A view, not a copy: callers that keep the buffer copy it themselves.
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export function u32be(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) {
    throw new RangeError(`数值超出 32 位无符号整数范围：${n}`);
  }
  const out = Buffer.alloc(4);
  out.writeUInt32BE(n, 0);
  return out;
}

/**
 * u32(len) ‖ bytes for every part. Length prefixes make the encoding
 * injective: ('ab','c') and ('a','bc') can never produce the same bytes,
 * which a plain join or separator character would not guarantee.
 */
export function lengthPrefixed(...parts: BytesLike[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const bytes = toBuffer(part);
    chunks.push(u32be(bytes.length), bytes);
  }
  return Buffer.concat(chunks);
}
