import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { aesGcmSuite } from './aes-gcm.suite.ts';
import { CryptoIntegrityError } from './crypto.errors.ts';
import {
  bindingAad,
  decryptField,
  encryptField,
  FieldCipher,
  readFieldHeader,
  type FieldBinding,
} from './field-cipher.ts';
import { sm4Sm3Suite } from './sm4-sm3.suite.ts';

const where: FieldBinding = { table: 'child', column: 'id_number', rowId: '7f1c9a2e-1b1f-4c7e-9a51-0d2f3b4c5d6e' };
const HEADER = 6;

describe('bindingAad', () => {
  it('is unambiguous where a joined string would not be', () => {
    const a = bindingAad({ table: 'ab', column: 'c', rowId: '1' });
    const b = bindingAad({ table: 'a', column: 'bc', rowId: '1' });
    const c = bindingAad({ table: 'a', column: 'b', rowId: 'c1' });
    expect(new Set([a, b, c].map((x) => x.toString('hex'))).size).toBe(3);
  });

  it('treats numeric and string row ids alike, since drivers return either', () => {
    expect(bindingAad({ ...where, rowId: 42 })).toEqual(bindingAad({ ...where, rowId: '42' }));
    expect(bindingAad({ ...where, rowId: 42n })).toEqual(bindingAad({ ...where, rowId: '42' }));
  });

  it('refuses empty parts', () => {
    expect(() => bindingAad({ ...where, table: '' })).toThrow('字段绑定信息不完整');
    expect(() => bindingAad({ ...where, rowId: '' })).toThrow(RangeError);
  });
});

describe.each([sm4Sm3Suite, aesGcmSuite])('field cipher with $name', (suite) => {
  const dataKey = randomBytes(32);
  const cipher = new FieldCipher(suite, dataKey);

  it('round-trips Chinese text, astral characters and the empty string', () => {
    for (const value of ['35010220100101123X', '张𠮷祥 · 福州市鼓楼区', '']) {
      const blob = encryptField(cipher, where, value);
      expect(decryptField(cipher, where, blob)).toBe(value);
    }
  });

  it('writes version 1, the suite id and the key version in the header', () => {
    const blob = new FieldCipher(suite, dataKey, 0x01020304).encrypt(where, 'x');
    expect(blob.subarray(0, HEADER).toString('hex')).toBe(`01${suite.id.toString(16).padStart(2, '0')}01020304`);
    expect(readFieldHeader(blob)).toEqual({ formatVersion: 1, suiteId: suite.id, keyVersion: 0x01020304 });
  });

  it('never reuses a nonce', () => {
    const a = cipher.encrypt(where, '同一个值');
    const b = cipher.encrypt(where, '同一个值');
    const nonce = (blob: Buffer) => blob.subarray(HEADER, HEADER + suite.nonceLength).toString('hex');
    expect(nonce(a)).not.toBe(nonce(b));
    expect(a.equals(b)).toBe(false);
  });

  it('opens with a second cipher built from the same key (no hidden state)', () => {
    const blob = cipher.encrypt(where, '值');
    expect(new FieldCipher(suite, Buffer.from(dataKey)).decrypt(where, blob)).toBe('值');
  });

  describe('rejects', () => {
    const blob = cipher.encrypt(where, '秘密的身份证号');
    const nonceEnd = HEADER + suite.nonceLength;
    const tagStart = blob.length - suite.tagLength;
    const regions = {
      version: 0,
      suiteId: 1,
      keyVersion: 5,
      nonce: HEADER + 3,
      ciphertext: nonceEnd + 2,
      tag: tagStart + 7,
    };

    it.each(Object.entries(regions))('a bit flip in the %s', (_region, offset) => {
      const bad = Buffer.from(blob);
      bad[offset]! ^= 0x80;
      expect(() => cipher.decrypt(where, bad)).toThrow(CryptoIntegrityError);
    });

    it('a bit flip at every single offset', () => {
      for (let i = 0; i < blob.length; i++) {
        const bad = Buffer.from(blob);
        bad[i]! ^= 0x01;
        expect(() => cipher.decrypt(where, bad), `offset ${i}`).toThrow(CryptoIntegrityError);
      }
    });

    it('truncated and extended blobs', () => {
      for (const length of [0, 1, HEADER - 1, HEADER, nonceEnd, tagStart, blob.length - 1]) {
        expect(() => cipher.decrypt(where, blob.subarray(0, length)), `length ${length}`).toThrow(CryptoIntegrityError);
      }
      expect(() => cipher.decrypt(where, Buffer.concat([blob, Buffer.from([0])]))).toThrow(CryptoIntegrityError);
    });

    it('another data key', () => {
      expect(() => new FieldCipher(suite, randomBytes(32)).decrypt(where, blob)).toThrow(CryptoIntegrityError);
    });

    it.each([
      ['table', { ...where, table: 'guardian' }],
      ['column', { ...where, column: 'name' }],
      ['rowId', { ...where, rowId: '7f1c9a2e-1b1f-4c7e-9a51-0d2f3b4c5d6f' }],
    ])('a value moved to another %s', (_what, elsewhere) => {
      expect(() => cipher.decrypt(elsewhere, blob)).toThrow(CryptoIntegrityError);
    });

    it('a cipher of another key version, even with the same key bytes', () => {
      expect(() => new FieldCipher(suite, dataKey, 2).decrypt(where, blob)).toThrow('数据密钥版本不匹配');
      const relabelled = Buffer.from(blob);
      relabelled.writeUInt32BE(2, 2);
      expect(() => new FieldCipher(suite, dataKey, 2).decrypt(where, relabelled)).toThrow(CryptoIntegrityError);
    });

    it('an unknown suite id and a blob of the other suite', () => {
      const unknown = Buffer.from(blob);
      unknown[1] = 0x7f;
      expect(() => cipher.decrypt(where, unknown)).toThrow('加密套件不匹配');
      const other = suite === sm4Sm3Suite ? aesGcmSuite : sm4Sm3Suite;
      const foreign = new FieldCipher(other, dataKey).encrypt(where, 'x');
      expect(() => cipher.decrypt(where, foreign)).toThrow(CryptoIntegrityError);
    });

    it('an unknown format version', () => {
      const bad = Buffer.from(blob);
      bad[0] = 2;
      expect(() => cipher.decrypt(where, bad)).toThrow('不支持的密文格式版本');
    });
  });

  it('reports integrity failures in Chinese under a stable code', () => {
    const bad = cipher.encrypt(where, 'x');
    bad[bad.length - 1]! ^= 1;
    try {
      cipher.decrypt(where, bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CryptoIntegrityError);
      expect((err as CryptoIntegrityError).message).toMatch(/^数据完整性校验失败/);
      expect((err as CryptoIntegrityError).code).toBe('HUTONG_CRYPTO_INTEGRITY');
    }
  });

  it('keeps key material out of JSON and inspect output', () => {
    const shown = JSON.stringify(cipher) + inspect(cipher, { showHidden: true, depth: 5 });
    expect(shown).not.toContain(dataKey.toString('hex'));
    expect(shown).not.toContain(dataKey.toString('base64'));
  });
});
