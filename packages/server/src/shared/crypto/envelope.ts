import { randomBytes } from 'node:crypto';
import { lengthPrefixed, u32be } from './bytes.ts';
import { CryptoIntegrityError } from './crypto.errors.ts';
import type { Keyring } from './keyring.ts';
import type { SuiteKey } from './suite.ts';
import { assertKey32, KEY_LENGTH } from './suite-key.ts';

/**
 * Envelope encryption: each child has a random data key, stored only wrapped
 * by a master key. Rotation re-wraps these 32-byte keys and never touches
 * field data; deleting a child's wrapped key shreds all of its fields.
 *
 * wrapped = version(1)=1 ‖ suiteId(1) ‖ nonce ‖ sealed data key ‖ tag
 * AAD     = label ‖ childId ‖ masterVersion ‖ header, so a wrapped key moved to
 *           another child, or relabelled with another version, fails to open.
 */

const WRAP_FORMAT_VERSION = 1;
const WRAP_LABEL = 'hutong/data-key/v1';

export interface WrappedDataKey {
  wrapped: Buffer;
  /** Stored beside the wrapped key; it picks the master key to unwrap with. */
  masterVersion: number;
}

// Unwrapping is per child, often for a page of children: derive each master
// key's subkeys once per keyring instead of once per child.
const masterKeyCache = new WeakMap<Keyring, Map<number, SuiteKey>>();

function masterSuiteKey(keyring: Keyring, version: number): SuiteKey {
  let perVersion = masterKeyCache.get(keyring);
  if (!perVersion) masterKeyCache.set(keyring, (perVersion = new Map()));
  let key = perVersion.get(version);
  if (!key) {
    const raw = keyring.masterKey(version);
    key = keyring.suite.deriveKey(raw);
    raw.fill(0);
    perVersion.set(version, key);
  }
  return key;
}

function header(keyring: Keyring): Buffer {
  return Buffer.from([WRAP_FORMAT_VERSION, keyring.suite.id]);
}

function wrapAad(head: Buffer, childId: string, masterVersion: number): Buffer {
  if (!childId) throw new RangeError('childId 不能为空');
  return Buffer.concat([lengthPrefixed(WRAP_LABEL, childId), u32be(masterVersion), head]);
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_LENGTH);
}

export function wrapDataKey(keyring: Keyring, dataKey: Uint8Array, childId: string): WrappedDataKey {
  assertKey32(dataKey, '数据密钥');
  const masterVersion = keyring.currentVersion;
  const head = header(keyring);
  const sealed = masterSuiteKey(keyring, masterVersion).seal(Buffer.from(dataKey), wrapAad(head, childId, masterVersion));
  return { wrapped: Buffer.concat([head, sealed]), masterVersion };
}

export function unwrapDataKey(keyring: Keyring, wrapped: Uint8Array, masterVersion: number, childId: string): Buffer {
  const blob = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
  const head = header(keyring);
  if (blob.length < head.length || !blob.subarray(0, head.length).equals(head)) {
    throw new CryptoIntegrityError('数据密钥的封装格式或加密套件不匹配');
  }
  // Unknown master versions throw CryptoKeyError here, before any decryption.
  const key = masterSuiteKey(keyring, masterVersion);
  const dataKey = key.open(blob.subarray(head.length), wrapAad(head, childId, masterVersion));
  if (dataKey.length !== KEY_LENGTH) throw new CryptoIntegrityError('数据密钥长度错误');
  return dataKey;
}

/** Moves a wrapped data key to the current master version (rotation). */
export function rewrapDataKey(
  keyring: Keyring,
  wrapped: Uint8Array,
  oldVersion: number,
  childId: string,
): WrappedDataKey {
  const dataKey = unwrapDataKey(keyring, wrapped, oldVersion, childId);
  try {
    return wrapDataKey(keyring, dataKey, childId);
  } finally {
    dataKey.fill(0);
  }
}
