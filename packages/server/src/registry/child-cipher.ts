import { FieldCipher, newDataKey, unwrapDataKey, wrapDataKey, type Keyring } from '../shared/crypto/index.ts';
import type { EncryptedFields } from '../shared/db/schema.ts';

/**
 * Envelope encryption of one child's record: a random data key per child, stored only wrapped
 * by the master key. Guardians and visits are sealed with the same key, so destroying it
 * (crypto-shredding) makes every copy of the child's values unreadable at once.
 */
export interface ChildKey {
  cipher: FieldCipher;
  wrapped: Buffer;
  masterVersion: number;
}

export function newChildKey(keyring: Keyring, childId: string): ChildKey {
  const dataKey = newDataKey();
  const { wrapped, masterVersion } = wrapDataKey(keyring, dataKey, childId);
  return { cipher: new FieldCipher(keyring.suite, dataKey), wrapped, masterVersion };
}

// Unwrapping costs a MAC and a decryption; hot children are read many times a minute.
const cache = new Map<string, FieldCipher>();
const CACHE_MAX = 5000;

export function openChildKey(keyring: Keyring, childId: string, wrapped: Buffer, masterVersion: number): FieldCipher {
  const cacheKey = `${childId}:${masterVersion}:${wrapped.toString('base64')}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const cipher = new FieldCipher(keyring.suite, unwrapDataKey(keyring, wrapped, masterVersion, childId));
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, cipher);
  return cipher;
}

export function forgetChildKey(childId: string): void {
  for (const k of cache.keys()) if (k.startsWith(`${childId}:`)) cache.delete(k);
}

export type Table = 'children' | 'guardians' | 'visits';

export function sealFields(cipher: FieldCipher, table: Table, rowId: string, values: Record<string, string | undefined>): EncryptedFields {
  const out: EncryptedFields = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[key] = cipher.encrypt({ table, column: key, rowId }, value).toString('base64');
  }
  return out;
}

export function openField(cipher: FieldCipher, table: Table, rowId: string, enc: EncryptedFields, key: string): string | undefined {
  const b64 = enc[key];
  return b64 === undefined ? undefined : cipher.decrypt({ table, column: key, rowId }, Buffer.from(b64, 'base64'));
}

