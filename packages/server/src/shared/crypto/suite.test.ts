import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aesGcmSuite } from './aes-gcm.suite.ts';
import { CryptoIntegrityError, CryptoKeyError } from './crypto.errors.ts';
import { hmacSm3 } from './sm3.ts';
import { sm4Sm3Suite } from './sm4-sm3.suite.ts';
import { findSuiteById, getSuite } from './suite.ts';

describe('SM4 block cipher (GB/T 32907-2016 Appendix A.1)', () => {
  it("Node's sm4 is the standard one", () => {
    const block = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', block, null);
    cipher.setAutoPadding(false);
    const out = Buffer.concat([cipher.update(block), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('getSuite', () => {
  it('finds suites by name and by id', () => {
    expect(getSuite('sm4-sm3')).toBe(sm4Sm3Suite);
    expect(getSuite(1)).toBe(sm4Sm3Suite);
    expect(getSuite('aes256gcm-sha256')).toBe(aesGcmSuite);
    expect(getSuite(2)).toBe(aesGcmSuite);
  });

  it('rejects unknown suites', () => {
    expect(() => getSuite(99)).toThrow(CryptoKeyError);
    expect(() => getSuite('des' as never)).toThrow('未知的加密套件');
    expect(findSuiteById(0)).toBeUndefined();
  });
});

describe.each([sm4Sm3Suite, aesGcmSuite])('suite $name', (suite) => {
  const key = randomBytes(32);
  const aad = Buffer.from('binding');

  it('round-trips, including empty and long plaintexts', () => {
    for (const plaintext of [Buffer.alloc(0), Buffer.from('张三 𠮷'), randomBytes(10_000)]) {
      const sealed = suite.seal(key, plaintext, aad);
      expect(sealed.length).toBe(suite.nonceLength + plaintext.length + suite.tagLength);
      expect(suite.open(key, sealed, aad)).toEqual(plaintext);
    }
  });

  it('uses a fresh nonce every time', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      nonces.add(suite.seal(key, Buffer.from('same'), aad).subarray(0, suite.nonceLength).toString('hex'));
    }
    expect(nonces.size).toBe(200);
  });

  it('rejects a flipped bit in any byte, a wrong aad, a wrong key and truncation', () => {
    const sealed = suite.seal(key, Buffer.from('0123456789'), aad);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 0x01;
      expect(() => suite.open(key, bad, aad)).toThrow(CryptoIntegrityError);
    }
    expect(() => suite.open(key, sealed, Buffer.from('bindinG'))).toThrow(CryptoIntegrityError);
    expect(() => suite.open(randomBytes(32), sealed, aad)).toThrow(CryptoIntegrityError);
    for (const length of [0, suite.nonceLength, suite.nonceLength + suite.tagLength - 1, sealed.length - 1]) {
      expect(() => suite.open(key, sealed.subarray(0, length), aad)).toThrow(CryptoIntegrityError);
    }
  });

  it('prepared keys interoperate with the one-shot calls', () => {
    const prepared = suite.deriveKey(key);
    expect(suite.open(key, prepared.seal(Buffer.from('x'), aad), aad).toString()).toBe('x');
  });

  it('demands a 32-byte key', () => {
    expect(() => suite.deriveKey(randomBytes(16))).toThrow(CryptoKeyError);
  });
});

describe('sm4-sm3 layout (independent re-implementation)', () => {
  it('is iv ‖ SM4-CTR(encKey) ‖ HMAC-SM3(macKey, u32(len aad) ‖ aad ‖ iv ‖ ct) with separate derived keys', () => {
    const key = randomBytes(32);
    const aad = Buffer.from('表/列/行');
    const sealed = sm4Sm3Suite.seal(key, Buffer.from('秘密'), aad);
    const iv = sealed.subarray(0, 16);
    const ct = sealed.subarray(16, sealed.length - 32);
    const tag = sealed.subarray(sealed.length - 32);

    const encKey = hmacSm3(key, 'hutong/sm4-sm3/v1/enc').subarray(0, 16);
    const macKey = hmacSm3(key, 'hutong/sm4-sm3/v1/mac');
    expect(encKey.equals(macKey.subarray(0, 16))).toBe(false);

    const len = Buffer.alloc(4);
    len.writeUInt32BE(aad.length);
    const expectedTag = createHmac('sm3', macKey).update(Buffer.concat([len, aad, iv, ct])).digest();
    expect(tag).toEqual(expectedTag);
    const decipher = createDecipheriv('sm4-ctr', encKey, iv);
    expect(Buffer.concat([decipher.update(ct), decipher.final()]).toString()).toBe('秘密');
  });
});

describe('aes256gcm-sha256 layout', () => {
  it('is nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16) and rejects a truncated tag', () => {
    const key = randomBytes(32);
    const aad = Buffer.from('aad');
    const sealed = aesGcmSuite.seal(key, Buffer.from('secret'), aad);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
    expect(plain.toString()).toBe('secret');
    // Dropping tag bytes (a 4-byte GCM tag is forgeable) must not be accepted as a shorter tag.
    expect(() => aesGcmSuite.open(key, sealed.subarray(0, sealed.length - 12), aad)).toThrow(CryptoIntegrityError);
  });
});
