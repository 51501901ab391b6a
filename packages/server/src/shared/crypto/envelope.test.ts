import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CryptoIntegrityError, CryptoKeyError } from './crypto.errors.ts';
import { newDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts';
import { FieldCipher } from './field-cipher.ts';
import { addMasterKeyVersion, loadOrCreateKeyring } from './keyring.ts';
import { newKeyringJson, parseKeyring } from './keyring-json.ts';
import type { SuiteName } from './suite.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-envelope-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const memoryKeyring = (suite: SuiteName) => parseKeyring(JSON.stringify(newKeyringJson(suite)), 'env');
const childId = 'c-0001';

describe.each(['sm4-sm3', 'aes256gcm-sha256'] as const)('envelope with %s', (suiteName) => {
  const keyring = memoryKeyring(suiteName);

  it('wraps under the current master version and unwraps to the same key', () => {
    const dataKey = newDataKey();
    expect(dataKey).toHaveLength(32);
    const { wrapped, masterVersion } = wrapDataKey(keyring, dataKey, childId);
    expect(masterVersion).toBe(keyring.currentVersion);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(unwrapDataKey(keyring, wrapped, masterVersion, childId)).toEqual(dataKey);
  });

  it('gives every child its own data key and every wrap its own nonce', () => {
    expect(newDataKey().equals(newDataKey())).toBe(false);
    const dataKey = newDataKey();
    expect(wrapDataKey(keyring, dataKey, childId).wrapped.equals(wrapDataKey(keyring, dataKey, childId).wrapped)).toBe(false);
  });

  it('rejects a wrapped key moved to another child, relabelled, tampered or under other master keys', () => {
    const { wrapped, masterVersion } = wrapDataKey(keyring, newDataKey(), childId);
    expect(() => unwrapDataKey(keyring, wrapped, masterVersion, 'c-0002')).toThrow(CryptoIntegrityError);
    expect(() => unwrapDataKey(memoryKeyring(suiteName), wrapped, masterVersion, childId)).toThrow(CryptoIntegrityError);
    expect(() => unwrapDataKey(keyring, wrapped, 9, childId)).toThrow(CryptoKeyError);
    for (let i = 0; i < wrapped.length; i++) {
      const bad = Buffer.from(wrapped);
      bad[i]! ^= 0x40;
      expect(() => unwrapDataKey(keyring, bad, masterVersion, childId), `offset ${i}`).toThrow(CryptoIntegrityError);
    }
    expect(() => unwrapDataKey(keyring, wrapped.subarray(0, 10), masterVersion, childId)).toThrow(CryptoIntegrityError);
  });

  it('refuses data keys that are not 32 bytes and empty child ids', () => {
    expect(() => wrapDataKey(keyring, Buffer.alloc(16), childId)).toThrow('数据密钥长度必须为 32 字节');
    expect(() => wrapDataKey(keyring, newDataKey(), '')).toThrow('childId');
  });
});

describe('rotation', () => {
  it('re-wraps data keys to the new master version and leaves field data untouched', () => {
    const keyFile = path.join(dir, 'rotation.json');
    const before = loadOrCreateKeyring({ keyFile, env: {} });
    const dataKey = newDataKey();
    const old = wrapDataKey(before, dataKey, childId);
    const where = { table: 'child', column: 'name', rowId: childId };
    const field = new FieldCipher(before.suite, dataKey).encrypt(where, '李小明');

    const after = addMasterKeyVersion(before, keyFile);
    expect(after.currentVersion).toBe(2);
    // Old wrapped keys still open until they are re-wrapped.
    expect(unwrapDataKey(after, old.wrapped, 1, childId)).toEqual(dataKey);

    const moved = rewrapDataKey(after, old.wrapped, old.masterVersion, childId);
    expect(moved.masterVersion).toBe(2);
    const unwrapped = unwrapDataKey(after, moved.wrapped, 2, childId);
    expect(unwrapped).toEqual(dataKey);
    expect(() => unwrapDataKey(after, moved.wrapped, 1, childId)).toThrow(CryptoIntegrityError);
    expect(new FieldCipher(after.suite, unwrapped).decrypt(where, field)).toBe('李小明');

    // A process that reloads the file after rotation sees the same thing.
    const reloaded = loadOrCreateKeyring({ keyFile, env: {} });
    expect(unwrapDataKey(reloaded, moved.wrapped, 2, childId)).toEqual(dataKey);
    expect(unwrapDataKey(reloaded, old.wrapped, 1, childId)).toEqual(dataKey);
  });
});
