import { lengthPrefixed, u32be } from './bytes.ts';
import { CryptoIntegrityError } from './crypto.errors.ts';
import type { Suite, SuiteKey } from './suite.ts';

/**
 * One encrypted column value:
 *   version(1)=1 ‖ suiteId(1) ‖ keyVersion(u32 BE) ‖ nonce ‖ ciphertext ‖ tag
 * The header is authenticated together with the binding, so neither can be
 * edited without the tag failing.
 */

export const FIELD_FORMAT_VERSION = 1;
const HEADER_LENGTH = 6;
const BINDING_LABEL = 'hutong/field/v1';

/** Where a value lives. A value copied to any other place fails to open. */
export interface FieldBinding {
  table: string;
  column: string;
  /** Must be known before the insert (application-generated id). */
  rowId: string | number | bigint;
}

export interface FieldHeader {
  formatVersion: number;
  suiteId: number;
  keyVersion: number;
}

export function bindingAad(binding: FieldBinding): Buffer {
  const rowId = String(binding.rowId);
  if (!binding.table || !binding.column || rowId === '') {
    throw new RangeError('字段绑定信息不完整：table、column、rowId 均不能为空');
  }
  return lengthPrefixed(BINDING_LABEL, binding.table, binding.column, rowId);
}

/** Reads the header without verifying it, to pick the data key version; decrypt still checks everything. */
export function readFieldHeader(blob: Uint8Array): FieldHeader {
  if (blob.byteLength < HEADER_LENGTH) throw new CryptoIntegrityError('密文长度不足');
  const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  return { formatVersion: view[0]!, suiteId: view[1]!, keyVersion: view.readUInt32BE(2) };
}

function headerBytes(suiteId: number, keyVersion: number): Buffer {
  return Buffer.concat([Buffer.from([FIELD_FORMAT_VERSION, suiteId]), u32be(keyVersion)]);
}

/**
 * A child's data key, prepared once. Build one per (data key, suite) and reuse
 * it for every field of that child: subkeys are derived here, not per field.
 * The cipher keeps only derived material, so the caller may wipe dataKey.
 */
export class FieldCipher {
  readonly suite: Suite;
  /** Version of the child's data key, stored in every blob it seals. */
  readonly keyVersion: number;
  readonly #key: SuiteKey;
  readonly #header: Buffer;

  constructor(suite: Suite, dataKey: Uint8Array, keyVersion = 1) {
    this.suite = suite;
    this.keyVersion = keyVersion;
    this.#header = headerBytes(suite.id, keyVersion);
    this.#key = suite.deriveKey(dataKey);
  }

  encrypt(binding: FieldBinding, plaintext: string): Buffer {
    const aad = Buffer.concat([this.#header, bindingAad(binding)]);
    const sealed = this.#key.seal(Buffer.from(plaintext, 'utf8'), aad);
    return Buffer.concat([this.#header, sealed]);
  }

  decrypt(binding: FieldBinding, blob: Uint8Array): string {
    const header = readFieldHeader(blob);
    if (header.formatVersion !== FIELD_FORMAT_VERSION) {
      throw new CryptoIntegrityError(`不支持的密文格式版本 ${header.formatVersion}`);
    }
    if (header.suiteId !== this.suite.id) {
      throw new CryptoIntegrityError(`加密套件不匹配（密文 ${header.suiteId}，密钥 ${this.suite.id}）`);
    }
    if (header.keyVersion !== this.keyVersion) {
      throw new CryptoIntegrityError(`数据密钥版本不匹配（密文 ${header.keyVersion}，密钥 ${this.keyVersion}）`);
    }
    const view = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    const aad = Buffer.concat([this.#header, bindingAad(binding)]);
    return this.#key.open(view.subarray(HEADER_LENGTH), aad).toString('utf8');
  }

  // Keep key material out of logs and JSON dumps.
  toJSON(): object {
    return { suite: this.suite.name, keyVersion: this.keyVersion };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `FieldCipher { suite: '${this.suite.name}', keyVersion: ${this.keyVersion} }`;
  }
}

export function encryptField(cipher: FieldCipher, binding: FieldBinding, plaintext: string): Buffer {
  return cipher.encrypt(binding, plaintext);
}

export function decryptField(cipher: FieldCipher, binding: FieldBinding, blob: Uint8Array): string {
  return cipher.decrypt(binding, blob);
}
