import { createHash, createHmac } from 'node:crypto';
import { type BytesLike, toBuffer } from './bytes.ts';

// Node's OpenSSL provides SM3 natively; sm3.test.ts pins it to the
// GB/T 32905 and GM/T 0042 vectors so a provider change cannot slip by.

export function sm3(data: BytesLike): Buffer {
  return createHash('sm3').update(toBuffer(data)).digest();
}

export function hmacSm3(key: BytesLike, data: BytesLike): Buffer {
  return createHmac('sm3', toBuffer(key)).update(toBuffer(data)).digest();
}

export function sha256(data: BytesLike): Buffer {
  return createHash('sha256').update(toBuffer(data)).digest();
}

export function hmacSha256(key: BytesLike, data: BytesLike): Buffer {
  return createHmac('sha256', toBuffer(key)).update(toBuffer(data)).digest();
}
