import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CryptoKeyError } from './crypto.errors.ts';
import { addMasterKeyVersion, loadOrCreateKeyring, type Keyring } from './keyring.ts';
import { keyringToJson, newKeyringJson } from './keyring-json.ts';
import { generateSm2KeyPair } from './sm2.ts';

const posix = process.platform !== 'win32';
let dir: string;
let keyFile: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-keyring-'));
  keyFile = path.join(dir, 'nested', 'secrets', 'master-keys.json');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const load = (env: NodeJS.ProcessEnv = {}) => loadOrCreateKeyring({ keyFile, env });
const mode = (file: string) => fs.statSync(file).mode & 0o777;

function expectSameKeys(a: Keyring, b: Keyring): void {
  expect(keyringToJson(a)).toEqual(keyringToJson(b));
}

describe('loadOrCreateKeyring', () => {
  it('creates the key file (and its folders) with mode 0600 and fresh keys', () => {
    const keyring = load();
    expect(fs.existsSync(keyFile)).toBe(true);
    if (posix) {
      expect(mode(keyFile)).toBe(0o600);
      expect(mode(path.dirname(keyFile))).toBe(0o700);
    }
    expect(keyring.source).toBe('file');
    expect(keyring.suite.name).toBe('sm4-sm3');
    expect(keyring.currentVersion).toBe(1);
    expect(keyring.versions).toEqual([1]);
    expect(keyring.masterKey(1)).toHaveLength(32);
    expect(keyring.indexKey).toHaveLength(32);
    expect(keyring.indexKey.equals(keyring.masterKey(1))).toBe(false);
    expect(keyring.ledgerSigning.privateKey).toMatch(/^[0-9a-f]{64}$/);

    const json = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    expect(Object.keys(json).sort()).toEqual(['current', 'format', 'indexKey', 'ledgerSigning', 'masterKeys', 'suite']);
    expect(json.format).toBe(1);
    expect(fs.readdirSync(path.dirname(keyFile))).toEqual(['master-keys.json']);
  });

  it('reloads the same keys from the file', () => {
    const first = load();
    const again = load();
    expectSameKeys(first, again);
    expect(again.ledgerSigning).toEqual(first.ledgerSigning);
  });

  it('gives every new key file different keys', () => {
    const a = load();
    fs.rmSync(keyFile);
    const b = load();
    expect(a.masterKey(1).equals(b.masterKey(1))).toBe(false);
    expect(a.indexKey.equals(b.indexKey)).toBe(false);
  });

  it('prefers HUTONG_MASTER_KEYS and then writes no file', () => {
    const json = newKeyringJson('aes256gcm-sha256');
    const keyring = load({ HUTONG_MASTER_KEYS: JSON.stringify(json) });
    expect(keyring.source).toBe('env');
    expect(keyring.suite.name).toBe('aes256gcm-sha256');
    expect(keyringToJson(keyring)).toEqual(json);
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('uses HUTONG_CRYPTO_SUITE when creating, and refuses a different suite later', () => {
    expect(load({ HUTONG_CRYPTO_SUITE: 'aes256gcm-sha256' }).suite.name).toBe('aes256gcm-sha256');
    expect(load().suite.name).toBe('aes256gcm-sha256');
    expect(() => load({ HUTONG_CRYPTO_SUITE: 'sm4-sm3' })).toThrow('不能更换套件');
    expect(() => load({ HUTONG_CRYPTO_SUITE: 'rc4' })).toThrow('HUTONG_CRYPTO_SUITE 取值无效');
  });

  it('fails without any source of keys', () => {
    expect(() => loadOrCreateKeyring({ env: {} })).toThrow('未配置主密钥');
  });

  it.runIf(posix)('refuses a key file that others can read', () => {
    load();
    fs.chmodSync(keyFile, 0o644);
    expect(() => load()).toThrow('密钥文件权限过宽（644）');
  });

  describe('rejects a malformed keyring without echoing key material', () => {
    const good = () => newKeyringJson('sm4-sm3');
    const short = Buffer.alloc(16, 7).toString('base64');
    it.each([
      ['not JSON', () => '{', '不是有效的 JSON'],
      ['another format', () => JSON.stringify({ ...good(), format: 2 }), 'format 应为 1'],
      ['an unknown suite', () => JSON.stringify({ ...good(), suite: 'des' }), '加密套件无效'],
      ['a short master key', () => JSON.stringify({ ...good(), masterKeys: { '1': short } }), '主密钥版本 1'],
      ['a mangled master key', () => JSON.stringify({ ...good(), masterKeys: { '1': `*${good().masterKeys['1']}` } }), 'Base64'],
      ['a bad version number', () => JSON.stringify({ ...good(), masterKeys: { ...good().masterKeys, '01': good().indexKey } }), '版本号无效'],
      ['a current version without key', () => JSON.stringify({ ...good(), current: 2 }), '当前主密钥版本 2'],
      ['a short index key', () => JSON.stringify({ ...good(), indexKey: short }), 'indexKey'],
      ['mismatched SM2 keys', () => JSON.stringify({ ...good(), ledgerSigning: { ...good().ledgerSigning, publicKey: generateSm2KeyPair().publicKey } }), 'SM2'],
    ])('%s', (_what, text, message) => {
      const env = { HUTONG_MASTER_KEYS: text() };
      let error: unknown;
      try {
        load(env);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(CryptoKeyError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain(short);
    });
  });

  it('keeps keys out of JSON.stringify and inspect', () => {
    const keyring = load();
    const shown = JSON.stringify(keyring) + inspect(keyring, { depth: 5 }) + JSON.stringify({ ...keyring });
    expect(shown).not.toContain(keyring.masterKey(1).toString('base64'));
    expect(shown).not.toContain(keyring.ledgerSigning.privateKey);
  });

  it('hands out copies, so callers cannot corrupt the keyring', () => {
    const keyring = load();
    const before = keyring.masterKey(1).toString('hex');
    keyring.masterKey(1).fill(0);
    keyring.indexKey.fill(0);
    expect(keyring.masterKey(1).toString('hex')).toBe(before);
    expect(keyring.indexKey.equals(Buffer.alloc(32))).toBe(false);
  });
});

describe('addMasterKeyVersion', () => {
  it('adds version 2, makes it current, keeps version 1 and the file private', () => {
    const v1 = load();
    const v2 = addMasterKeyVersion(v1, keyFile);
    expect(v2.currentVersion).toBe(2);
    expect(v2.versions).toEqual([1, 2]);
    expect(v2.masterKey(1)).toEqual(v1.masterKey(1));
    expect(v2.masterKey(2).equals(v1.masterKey(1))).toBe(false);
    expect(v2.indexKey).toEqual(v1.indexKey);
    expect(v2.ledgerSigning).toEqual(v1.ledgerSigning);
    if (posix) expect(mode(keyFile)).toBe(0o600);
    expectSameKeys(load(), v2);
    // No temp or lock files left behind.
    expect(fs.readdirSync(path.dirname(keyFile))).toEqual(['master-keys.json']);
  });

  it('never overwrites a version added by another process', () => {
    const stale = load();
    const byOther = addMasterKeyVersion(stale, keyFile);
    const mine = addMasterKeyVersion(stale, keyFile);
    expect(mine.currentVersion).toBe(3);
    expect(mine.masterKey(2)).toEqual(byOther.masterKey(2));
  });

  it('refuses while another rotation holds the lock', () => {
    const keyring = load();
    fs.writeFileSync(`${keyFile}.lock`, '');
    expect(() => addMasterKeyVersion(keyring, keyFile)).toThrow('另一进程');
    expect(load().currentVersion).toBe(1);
  });

  it('refuses a keyring that does not match the file', () => {
    const keyring = load();
    fs.rmSync(keyFile);
    load();
    expect(() => addMasterKeyVersion(keyring, keyFile)).toThrow('不一致');
  });

  it('refuses keyrings that came from the environment', () => {
    const keyring = load({ HUTONG_MASTER_KEYS: JSON.stringify(newKeyringJson('sm4-sm3')) });
    expect(() => addMasterKeyVersion(keyring, keyFile)).toThrow('HUTONG_MASTER_KEYS');
  });
});
