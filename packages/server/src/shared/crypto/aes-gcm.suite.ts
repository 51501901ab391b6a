import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CryptoIntegrityError } from './crypto.errors.ts';
import { hmacSha256, sha256 } from './sm3.ts';
import { assertKey32 } from './suite-key.ts';
import type { Suite, SuiteKey } from './suite.ts';

/**
 * AES-256-GCM + SHA-256, for deployments that are not bound to the GM suite.
 * sealed = nonce(12) ‖ ciphertext ‖ tag(16)
 */

const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

function deriveKey(key32: Uint8Array): SuiteKey {
  assertKey32(key32);
  // GCM needs no subkeys; copy so a caller wiping its buffer cannot corrupt ours.
  const key = Buffer.from(key32);

  return {
    seal(plaintext, aad) {
      // Random 96-bit nonces stay far below the 2^32 messages-per-key bound
      // because every child has its own data key.
      const nonce = randomBytes(NONCE_LENGTH);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
      cipher.setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]);
    },
    open(sealed, aad) {
      if (sealed.length < NONCE_LENGTH + TAG_LENGTH) throw new CryptoIntegrityError('密文长度不足');
      const nonce = sealed.subarray(0, NONCE_LENGTH);
      const ciphertext = sealed.subarray(NONCE_LENGTH, sealed.length - TAG_LENGTH);
      const tag = sealed.subarray(sealed.length - TAG_LENGTH);
      // authTagLength pins the tag size: without it Node accepts truncated tags.
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      } catch {
        throw new CryptoIntegrityError();
      }
    },
  };
}

export const aesGcmSuite: Suite = Object.freeze({
  id: 2,
  name: 'aes256gcm-sha256',
  nonceLength: NONCE_LENGTH,
  tagLength: TAG_LENGTH,
  hash: sha256,
  hmac: hmacSha256,
  deriveKey,
  seal: (key32: Uint8Array, plaintext: Buffer, aad: Buffer) => deriveKey(key32).seal(plaintext, aad),
  open: (key32: Uint8Array, sealed: Buffer, aad: Buffer) => deriveKey(key32).open(sealed, aad),
});
