import { CryptoKeyError } from './crypto.errors.ts';
import { createKeyFileExclusive, readKeyFile, replaceKeyFile, withKeyFileLock } from './key-file.ts';
import { type Keyring, keyringToJson, newKeyringJson, parseKeyring, withNewMasterKey } from './keyring-json.ts';
import { isSuiteName, type SuiteName } from './suite.ts';

export type { Keyring, KeyringJson } from './keyring-json.ts';

export const MASTER_KEYS_ENV = 'HUTONG_MASTER_KEYS';
export const CRYPTO_SUITE_ENV = 'HUTONG_CRYPTO_SUITE';

export interface LoadKeyringOptions {
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
}

function suiteFromEnv(env: NodeJS.ProcessEnv): SuiteName | undefined {
  const value = env[CRYPTO_SUITE_ENV]?.trim();
  if (!value) return undefined;
  if (!isSuiteName(value)) {
    throw new CryptoKeyError(`${CRYPTO_SUITE_ENV} 取值无效：${value}（可选 sm4-sm3、aes256gcm-sha256）`);
  }
  return value;
}

// Data already sealed under one suite cannot be read by another, so a suite
// switch on an existing keyring is refused loudly instead of half-applied.
function checkSuite(keyring: Keyring, wanted: SuiteName | undefined): Keyring {
  if (wanted && wanted !== keyring.suite.name) {
    throw new CryptoKeyError(
      `密钥环的加密套件为 ${keyring.suite.name}，与 ${CRYPTO_SUITE_ENV}=${wanted} 不一致；已有密钥环不能更换套件`,
    );
  }
  return keyring;
}

/**
 * HUTONG_MASTER_KEYS (JSON) wins; otherwise keyFile is read, or created with
 * fresh keys (mode 0600) on first start. HUTONG_CRYPTO_SUITE picks the suite
 * at creation only.
 */
export function loadOrCreateKeyring(options: LoadKeyringOptions = {}): Keyring {
  const env = options.env ?? process.env;
  const wantedSuite = suiteFromEnv(env);

  const fromEnv = env[MASTER_KEYS_ENV]?.trim();
  if (fromEnv) return checkSuite(parseKeyring(fromEnv, 'env'), wantedSuite);

  const { keyFile } = options;
  if (!keyFile) throw new CryptoKeyError(`未配置主密钥：请设置环境变量 ${MASTER_KEYS_ENV} 或提供密钥文件路径`);

  const existing = readKeyFile(keyFile);
  if (existing !== undefined) return checkSuite(parseKeyring(existing, 'file'), wantedSuite);

  const text = `${JSON.stringify(newKeyringJson(wantedSuite ?? 'sm4-sm3'), null, 2)}\n`;
  if (createKeyFileExclusive(keyFile, text)) return parseKeyring(text, 'file');
  // Another process created it between our read and our link: use theirs.
  return checkSuite(parseKeyring(readKeyFile(keyFile) ?? '', 'file'), wantedSuite);
}

function sameKeys(a: Keyring, b: Keyring): boolean {
  return (
    a.suite.id === b.suite.id &&
    a.versions.every((v) => b.versions.includes(v) && a.masterKey(v).equals(b.masterKey(v))) &&
    a.indexKey.equals(b.indexKey)
  );
}

/**
 * Adds master key version n+1 and makes it current, rewriting keyFile
 * atomically. Older versions stay: data keys wrapped under them still open
 * until rewrapDataKey has moved them to the new version.
 */
export function addMasterKeyVersion(keyring: Keyring, keyFile: string): Keyring {
  if (keyring.source === 'env') {
    // The variable would win over the file at the next start and hide the new key.
    throw new CryptoKeyError(`主密钥来自环境变量 ${MASTER_KEYS_ENV}，不能写入密钥文件轮换；请在密钥管理处更新该变量`);
  }
  return withKeyFileLock(keyFile, () => {
    // Rotate what is on disk, not what this process loaded: another rotation
    // may have happened since, and its key must not be overwritten.
    const onDisk = readKeyFile(keyFile);
    if (onDisk === undefined) throw new CryptoKeyError(`密钥文件不存在：${keyFile}`);
    const current = parseKeyring(onDisk, 'file');
    if (!sameKeys(keyring, current)) {
      throw new CryptoKeyError('磁盘上的密钥文件与当前加载的密钥环不一致；请重新加载后再轮换');
    }
    const text = `${JSON.stringify(withNewMasterKey(keyringToJson(current)), null, 2)}\n`;
    const next = parseKeyring(text, 'file');
    replaceKeyFile(keyFile, text);
    return next;
  });
}
