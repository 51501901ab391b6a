import type { BytesLike } from './bytes.ts';
import { CryptoKeyError } from './crypto.errors.ts';
import { aesGcmSuite } from './aes-gcm.suite.ts';
import { sm4Sm3Suite } from './sm4-sm3.suite.ts';

export type SuiteName = 'sm4-sm3' | 'aes256gcm-sha256';

export const SUITE_NAMES: readonly SuiteName[] = ['sm4-sm3', 'aes256gcm-sha256'];

/**
 * A 32-byte key with its subkeys already derived. Deriving is cheap but not
 * free, and one child's record opens dozens of fields under the same key.
 */
export interface SuiteKey {
  /** Returns nonce ‖ ciphertext ‖ tag. */
  seal(plaintext: Buffer, aad: Buffer): Buffer;
  /** Throws CryptoIntegrityError unless tag, aad and key all match. */
  open(sealed: Buffer, aad: Buffer): Buffer;
}

export interface Suite {
  /** Written into every blob; ids are never reused for another algorithm. */
  readonly id: number;
  readonly name: SuiteName;
  readonly nonceLength: number;
  readonly tagLength: number;
  hash(data: BytesLike): Buffer;
  hmac(key: BytesLike, data: BytesLike): Buffer;
  deriveKey(key32: Uint8Array): SuiteKey;
  seal(key32: Uint8Array, plaintext: Buffer, aad: Buffer): Buffer;
  open(key32: Uint8Array, sealed: Buffer, aad: Buffer): Buffer;
}

const SUITES: readonly Suite[] = [sm4Sm3Suite, aesGcmSuite];

export function isSuiteName(value: unknown): value is SuiteName {
  return typeof value === 'string' && (SUITE_NAMES as readonly string[]).includes(value);
}

/** Looks a suite up by name (config) or by id (a blob header). */
export function getSuite(nameOrId: SuiteName | number): Suite {
  const suite = SUITES.find((s) => s.name === nameOrId || s.id === nameOrId);
  if (!suite) throw new CryptoKeyError(`未知的加密套件：${String(nameOrId)}`);
  return suite;
}

/** Returns undefined instead of throwing: a blob's suite id is untrusted input. */
export function findSuiteById(id: number): Suite | undefined {
  return SUITES.find((s) => s.id === id);
}
