import { describe, expect, it } from 'vitest';
import { CryptoKeyError } from './crypto.errors.ts';
import { derToRaw, rawToDer } from './sm2-der.ts';
import { generateSm2KeyPair, isSm2KeyPair, sm2Sign, sm2Verify } from './sm2.ts';

const { privateKey, publicKey } = generateSm2KeyPair();
const message = 'checkpoint size=42 root=ab12 time=2025-01-01T00:00:00+08:00';

// Produced independently with OpenSSL 3.0.19:
//   openssl genpkey -algorithm SM2 -out priv.pem
//   openssl pkeyutl -sign -inkey priv.pem -rawin -digest sm3 -pkeyopt distid:1234567812345678 -in msg
const openssl = {
  publicKey:
    '04b9697b92758a5b2ce6b426dfe527d2c2dfc3b3b62a8da856f1fa412f7caf0be6735b96e15910b79f94967e0c1ec194a7fd5259f6fbb4c6a4968dcf77482b0111',
  message: 'hutong checkpoint 1',
  signature:
    '3045022100b3d29a60abd1033390aba4bb6cd92ad7bc651d655d45ac4a759ff7d9e3dfd04302205ddef08fe10a2fa89d67eaf66e2a6bd209616072648bfa51825169ef54609690',
};

describe('SM2 keys', () => {
  it('generates an uncompressed public key that matches the private key', () => {
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(isSm2KeyPair({ privateKey, publicKey })).toBe(true);
    expect(isSm2KeyPair({ privateKey, publicKey: generateSm2KeyPair().publicKey })).toBe(false);
    expect(isSm2KeyPair({ privateKey: 'zz', publicKey })).toBe(false);
  });
});

describe('sm2Sign / sm2Verify', () => {
  it('signs in DER and verifies, for strings and bytes alike', () => {
    const signature = sm2Sign(privateKey, message);
    expect(signature).toMatch(/^30[0-9a-f]+$/);
    expect(sm2Verify(publicKey, message, signature)).toBe(true);
    expect(sm2Verify(publicKey, Buffer.from(message, 'utf8'), signature)).toBe(true);
    expect(sm2Verify(publicKey, new Uint8Array(Buffer.from(message)), sm2Sign(privateKey, Buffer.from(message)))).toBe(true);
  });

  it('verifies many signatures (r and s with and without a high bit or leading zeros)', () => {
    for (let i = 0; i < 40; i++) {
      const signature = sm2Sign(privateKey, `${message}#${i}`);
      expect(sm2Verify(publicKey, `${message}#${i}`, signature)).toBe(true);
    }
  });

  it('verifies a signature made by OpenSSL (Z-value with the default user id)', () => {
    expect(sm2Verify(openssl.publicKey, openssl.message, openssl.signature)).toBe(true);
    expect(sm2Verify(openssl.publicKey, openssl.message, openssl.signature, 'another-user-id')).toBe(false);
    expect(sm2Verify(openssl.publicKey, `${openssl.message}.`, openssl.signature)).toBe(false);
  });

  it('rejects an altered message, an altered signature and another key', () => {
    const signature = sm2Sign(privateKey, message);
    expect(sm2Verify(publicKey, `${message} `, signature)).toBe(false);
    expect(sm2Verify(generateSm2KeyPair().publicKey, message, signature)).toBe(false);
    const bytes = Buffer.from(signature, 'hex');
    for (let i = 0; i < bytes.length; i++) {
      const bad = Buffer.from(bytes);
      bad[i]! ^= 0x01;
      expect(sm2Verify(publicKey, message, bad.toString('hex')), `offset ${i}`).toBe(false);
    }
  });

  it('rejects other encodings of a valid signature', () => {
    const signature = sm2Sign(privateKey, message);
    expect(sm2Verify(publicKey, message, `${signature}00`)).toBe(false);
    expect(sm2Verify(publicKey, message, derToRaw(signature)!)).toBe(false);
    expect(sm2Verify(publicKey, message, signature.toUpperCase())).toBe(true);
  });

  it('parses only canonical DER', () => {
    const one = '01'.padStart(64, '0');
    const two = '02'.padStart(64, '0');
    expect(derToRaw('3006020101020102')).toBe(one + two);
    expect(rawToDer(one + two)).toBe('3006020101020102');
    expect(rawToDer(`80${'0'.repeat(62)}${two}`)).toBe(`3026022100${'80'}${'0'.repeat(62)}020102`);
    expect(derToRaw(rawToDer(`80${'0'.repeat(62)}${two}`))).toBe(`80${'0'.repeat(62)}${two}`);
    expect(derToRaw('300702020001020102')).toBeUndefined(); // non-minimal r
    expect(derToRaw('3006020181020102')).toBeUndefined(); // negative r
    expect(derToRaw('3006020100020102')).toBeUndefined(); // r = 0
    expect(derToRaw('300602010102010200')).toBeUndefined(); // trailing byte
    expect(derToRaw('30810602010102010200')).toBeUndefined(); // long-form length
    expect(derToRaw('3007020101020102')).toBeUndefined(); // wrong outer length
    expect(derToRaw(`3026022101${'00'.repeat(32)}020102`)).toBeUndefined(); // r wider than 256 bits
  });

  it('returns false, never throws, on garbage', () => {
    const signature = sm2Sign(privateKey, message);
    const garbage: unknown[] = ['', 'zz', '30', '3006020100020100', 'ff'.repeat(72), '0'.repeat(140), null, undefined, 42];
    for (const sig of garbage) expect(sm2Verify(publicKey, message, sig as string)).toBe(false);
    for (const key of ['', 'zz', `04${'00'.repeat(64)}`, publicKey.slice(0, 60), null, 7]) {
      expect(sm2Verify(key as string, message, signature)).toBe(false);
    }
  });

  it('refuses to sign with a malformed private key', () => {
    expect(() => sm2Sign('zz', message)).toThrow(CryptoKeyError);
    expect(() => sm2Sign('00'.repeat(32), message)).toThrow('SM2 私钥无效');
  });
});
