import { randomBytes } from 'node:crypto';
import { sm3 as referenceSm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { hmacSha256, hmacSm3, sha256, sm3 } from './sm3.ts';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('sm3 (GB/T 32905-2016 Appendix A)', () => {
  it('hashes "abc"', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes the 64-byte "abcd" × 16 message', () => {
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('treats a string as its UTF-8 bytes', () => {
    expect(sm3('儿童')).toEqual(sm3(Buffer.from('儿童', 'utf8')));
  });
});

// GM/T 0042-2015 Appendix D.3, as carried in OpenSSL's test/recipes/30-test_evp_data/evpmac_sm3.txt.
describe('hmacSm3 (GM/T 0042-2015 Appendix D.3)', () => {
  it.each([
    {
      key: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
      data: Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2)),
      mac: 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    },
    {
      key: '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425',
      data: Buffer.alloc(50, 0xcd),
      mac: '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    },
    {
      key: '0b'.repeat(32),
      data: Buffer.from('Hi There'),
      mac: 'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
    },
  ])('vector $#', ({ key, data, mac }) => {
    expect(hmacSm3(hex(key), data).toString('hex')).toBe(mac);
  });

  it('accepts a string key', () => {
    expect(hmacSm3('Jefe Jeferson Jr', 'what do ya want for nothing?').toString('hex')).toBe(
      'ce791a34c59adef472997a249600f3f244d59e875be04055ba2ae12fc845e78c',
    );
  });

  it('agrees with sm-crypto-v2 for random keys and messages, including keys longer than a block', () => {
    for (const keyLength of [1, 16, 32, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      const data = randomBytes(keyLength * 3);
      expect(hmacSm3(key, data).toString('hex')).toBe(referenceSm3(data, { key, mode: 'hmac' }));
    }
  });
});

describe('sha256 and hmacSha256', () => {
  it('hashes "abc" (FIPS 180-2)', () => {
    expect(sha256('abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches RFC 4231 test case 2', () => {
    expect(hmacSha256('Jefe', 'what do ya want for nothing?').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
