import { randomBytes } from 'node:crypto';
import { CryptoKeyError } from './crypto.errors.ts';
import { isSm2KeyPair, generateSm2KeyPair, type Sm2KeyPair } from './sm2.ts';
import { getSuite, isSuiteName, type Suite, type SuiteName } from './suite.ts';
import { KEY_LENGTH } from './suite-key.ts';

/**
 * The master keys: versioned, kept outside the database (a 0600 file or the
 * HUTONG_MASTER_KEYS variable). JSON form:
 *   { "format":1, "suite":"sm4-sm3", "current":1, "masterKeys":{"1":"<b64>"},
 *     "indexKey":"<b64>", "ledgerSigning":{"privateKey":"hex","publicKey":"hex"} }
 */

export interface KeyringJson {
  format: 1;
  suite: SuiteName;
  current: number;
  masterKeys: Record<string, string>;
  indexKey: string;
  ledgerSigning: Sm2KeyPair;
}

export interface Keyring {
  readonly suite: Suite;
  readonly currentVersion: number;
  /** Every master key version, ascending. Old ones stay until all data keys are re-wrapped. */
  readonly versions: readonly number[];
  /** Throws CryptoKeyError for a version this keyring does not hold. */
  masterKey(version: number): Buffer;
  /** Root of the blind-index keys; never used to encrypt. */
  readonly indexKey: Buffer;
  readonly ledgerSigning: Readonly<Sm2KeyPair>;
  readonly source: 'env' | 'file';
}

const VERSION_KEY = /^[1-9][0-9]{0,9}$/;

function decodeKey(b64: unknown, what: string): Buffer {
  const key = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
  // Buffer.from silently skips bad characters; the round trip catches a mangled value.
  if (typeof b64 !== 'string' || key.toString('base64') !== b64 || key.length !== KEY_LENGTH) {
    throw new CryptoKeyError(`${what}必须是 ${KEY_LENGTH} 字节密钥的 Base64 编码`);
  }
  return key;
}

class ParsedKeyring implements Keyring {
  readonly suite: Suite;
  readonly currentVersion: number;
  readonly versions: readonly number[];
  readonly source: 'env' | 'file';
  readonly #masterKeys: ReadonlyMap<number, Buffer>;
  readonly #indexKey: Buffer;
  readonly #ledgerSigning: Readonly<Sm2KeyPair>;

  constructor(json: KeyringJson, source: 'env' | 'file') {
    const masterKeys = new Map<number, Buffer>();
    for (const [version, b64] of Object.entries(json.masterKeys)) {
      if (!VERSION_KEY.test(version) || Number(version) > 0xffff_ffff) {
        throw new CryptoKeyError(`主密钥版本号无效：${version}`);
      }
      masterKeys.set(Number(version), decodeKey(b64, `主密钥版本 ${version} `));
    }
    if (!masterKeys.has(json.current)) {
      throw new CryptoKeyError(`当前主密钥版本 ${json.current} 不在 masterKeys 中`);
    }
    this.suite = getSuite(json.suite);
    this.currentVersion = json.current;
    this.versions = Object.freeze([...masterKeys.keys()].sort((a, b) => a - b));
    this.source = source;
    this.#masterKeys = masterKeys;
    this.#indexKey = decodeKey(json.indexKey, '盲索引密钥 indexKey ');
    this.#ledgerSigning = Object.freeze({ ...json.ledgerSigning });
  }

  masterKey(version: number): Buffer {
    const key = this.#masterKeys.get(version);
    if (!key) throw new CryptoKeyError(`主密钥版本 ${version} 不存在`);
    return Buffer.from(key);
  }

  // Getters return copies and live on the prototype, so JSON.stringify and
  // object spreads of a keyring never carry secrets into logs.
  get indexKey(): Buffer {
    return Buffer.from(this.#indexKey);
  }

  get ledgerSigning(): Readonly<Sm2KeyPair> {
    return this.#ledgerSigning;
  }

  toJSON(): object {
    return { suite: this.suite.name, currentVersion: this.currentVersion, versions: this.versions, source: this.source };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Keyring ${JSON.stringify(this.toJSON())}`;
  }
}

/** Validates untrusted JSON (file or env) into a Keyring. Messages never echo key material. */
export function parseKeyring(text: string, source: 'env' | 'file'): Keyring {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CryptoKeyError(source === 'env' ? '环境变量 HUTONG_MASTER_KEYS 不是有效的 JSON' : '密钥文件不是有效的 JSON');
  }
  const json = data as Partial<KeyringJson> | null;
  if (!json || typeof json !== 'object' || json.format !== 1) throw new CryptoKeyError('密钥环格式不受支持（format 应为 1）');
  if (!isSuiteName(json.suite)) throw new CryptoKeyError(`密钥环的加密套件无效：${String(json.suite)}`);
  if (!Number.isInteger(json.current)) throw new CryptoKeyError('密钥环缺少当前主密钥版本 current');
  if (!json.masterKeys || typeof json.masterKeys !== 'object') throw new CryptoKeyError('密钥环缺少 masterKeys');
  const signing = json.ledgerSigning;
  if (!signing || typeof signing !== 'object' || !isSm2KeyPair(signing)) {
    throw new CryptoKeyError('密钥环的 ledgerSigning 不是有效的 SM2 密钥对');
  }
  return new ParsedKeyring(json as KeyringJson, source);
}

export function keyringToJson(keyring: Keyring): KeyringJson {
  const masterKeys: Record<string, string> = {};
  for (const version of keyring.versions) masterKeys[String(version)] = keyring.masterKey(version).toString('base64');
  return {
    format: 1,
    suite: keyring.suite.name,
    current: keyring.currentVersion,
    masterKeys,
    indexKey: keyring.indexKey.toString('base64'),
    ledgerSigning: { ...keyring.ledgerSigning },
  };
}

export function newKeyringJson(suite: SuiteName): KeyringJson {
  return {
    format: 1,
    suite,
    current: 1,
    masterKeys: { '1': randomBytes(KEY_LENGTH).toString('base64') },
    indexKey: randomBytes(KEY_LENGTH).toString('base64'),
    ledgerSigning: generateSm2KeyPair(),
  };
}

/** Adds version max+1 with a fresh key and makes it current; earlier versions are kept. */
export function withNewMasterKey(json: KeyringJson): KeyringJson {
  const next = Math.max(...Object.keys(json.masterKeys).map(Number)) + 1;
  return {
    ...json,
    current: next,
    masterKeys: { ...json.masterKeys, [String(next)]: randomBytes(KEY_LENGTH).toString('base64') },
  };
}
