import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { u32be } from './bytes.ts';
import { CryptoIntegrityError } from './crypto.errors.ts';
import { hmacSm3, sm3 } from './sm3.ts';
import { assertKey32 } from './suite-key.ts';
import type { Suite, SuiteKey } from './suite.ts';

/**
 * SM4-CTR + HMAC-SM3, encrypt-then-MAC (GB/T 32907, GB/T 32905).
 * Chosen over SM4-GCM because Node's OpenSSL exposes no sm4-gcm cipher, and a
 * JavaScript GCM would be slower and not constant time.
 *
 * sealed = iv(16) ‖ ciphertext ‖ tag(32)
 * tag    = HMAC-SM3(macKey, u32(len aad) ‖ aad ‖ iv ‖ ciphertext)
 */

const IV_LENGTH = 16;
const TAG_LENGTH = 32;
// Distinct labels give independent encryption and MAC keys from one data key,
// so the same secret never feeds two algorithms.
const ENC_LABEL = 'hutong/sm4-sm3/v1/enc';
const MAC_LABEL = 'hutong/sm4-sm3/v1/mac';

function macOf(macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  return createHmac('sm3', macKey)
    .update(u32be(aad.length))
    .update(aad)
    .update(iv)
    .update(ciphertext)
    .digest();
}

function deriveKey(key32: Uint8Array): SuiteKey {
  assertKey32(key32);
  const encKey = hmacSm3(key32, ENC_LABEL).subarray(0, 16);
  const macKey = hmacSm3(key32, MAC_LABEL);

  return {
    seal(plaintext, aad) {
      // A random 128-bit IV is the whole CTR counter block; with one data key
      // per child the chance of two overlapping counter ranges is negligible.
      const iv = randomBytes(IV_LENGTH);
      const cipher = createCipheriv('sm4-ctr', encKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([iv, ciphertext, macOf(macKey, aad, iv, ciphertext)]);
    },
    open(sealed, aad) {
      if (sealed.length < IV_LENGTH + TAG_LENGTH) throw new CryptoIntegrityError('密文长度不足');
      const iv = sealed.subarray(0, IV_LENGTH);
      const ciphertext = sealed.subarray(IV_LENGTH, sealed.length - TAG_LENGTH);
      const tag = sealed.subarray(sealed.length - TAG_LENGTH);
      // Verify before decrypting: unauthenticated CTR output must never be used.
      if (!timingSafeEqual(tag, macOf(macKey, aad, iv, ciphertext))) {
        throw new CryptoIntegrityError();
      }
      const decipher = createDecipheriv('sm4-ctr', encKey, iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    },
  };
}

export const sm4Sm3Suite: Suite = Object.freeze({
  id: 1,
  name: 'sm4-sm3',
  nonceLength: IV_LENGTH,
  tagLength: TAG_LENGTH,
  hash: sm3,
  hmac: hmacSm3,
  deriveKey,
  seal: (key32: Uint8Array, plaintext: Buffer, aad: Buffer) => deriveKey(key32).seal(plaintext, aad),
  open: (key32: Uint8Array, sealed: Buffer, aad: Buffer) => deriveKey(key32).open(sealed, aad),
});
