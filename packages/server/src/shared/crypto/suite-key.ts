import { CryptoKeyError } from './crypto.errors.ts';

export const KEY_LENGTH = 32;

export function assertKey32(key: Uint8Array, what = '密钥'): void {
  if (key.byteLength !== KEY_LENGTH) {
    throw new CryptoKeyError(`${what}长度必须为 ${KEY_LENGTH} 字节，实际为 ${key.byteLength} 字节`);
  }
}
