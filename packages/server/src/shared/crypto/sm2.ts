import { sm2 } from 'sm-crypto-v2';
import { type BytesLike, toBuffer } from './bytes.ts';
import { CryptoKeyError } from './crypto.errors.ts';
import { derToRaw, rawToDer } from './sm2-der.ts';

/**
 * SM2 signatures (GB/T 32918.2) for ledger checkpoints.
 *
 * Choices, fixed because published checkpoints are verified by third parties:
 * - digest: SM3(Z ‖ M) with Z from the signer's public key and the default
 *   user id 1234567812345678 (GB/T 35276), not a bare SM3 of the message;
 * - encoding: DER SEQUENCE { r, s } as hex, the form OpenSSL and GmSSL read.
 * Checked against OpenSSL 3: `openssl pkeyutl -verify -pubin -inkey pub.pem
 * -rawin -digest sm3 -pkeyopt distid:1234567812345678 -sigfile sig`.
 */

export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  /** 64 hex digits. */
  privateKey: string;
  /** Uncompressed point, 04 ‖ x ‖ y, 130 hex digits. */
  publicKey: string;
}

const PRIVATE_KEY_HEX = /^[0-9a-f]{64}$/i;
const PUBLIC_KEY_HEX = /^(?:04[0-9a-f]{128}|0[23][0-9a-f]{64})$/i;

function toBytes(message: BytesLike): Uint8Array {
  // Hand the library bytes, never a string, so its own string handling cannot differ from ours.
  return new Uint8Array(toBuffer(message));
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

/** Returns a DER-encoded signature as lower-case hex. */
export function sm2Sign(privateKeyHex: string, message: BytesLike, userId = SM2_DEFAULT_USER_ID): string {
  if (!PRIVATE_KEY_HEX.test(privateKeyHex)) throw new CryptoKeyError('SM2 私钥格式无效');
  let raw: string;
  try {
    raw = sm2.doSignature(toBytes(message), privateKeyHex, { hash: true, userId });
  } catch {
    throw new CryptoKeyError('SM2 私钥无效');
  }
  return rawToDer(raw);
}

/** Never throws: malformed keys, signatures or messages simply do not verify. */
export function sm2Verify(
  publicKeyHex: string,
  message: BytesLike,
  signatureHex: string,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  try {
    if (typeof publicKeyHex !== 'string' || !PUBLIC_KEY_HEX.test(publicKeyHex)) return false;
    if (typeof signatureHex !== 'string') return false;
    const raw = derToRaw(signatureHex);
    if (!raw || !sm2.verifyPublicKey(publicKeyHex)) return false;
    return sm2.doVerifySignature(toBytes(message), raw, publicKeyHex, { hash: true, userId });
  } catch {
    return false;
  }
}

/** True when publicKey is the point of privateKey; guards a hand-edited key file. */
export function isSm2KeyPair(pair: Sm2KeyPair): boolean {
  try {
    if (!PRIVATE_KEY_HEX.test(pair.privateKey) || !PUBLIC_KEY_HEX.test(pair.publicKey)) return false;
    return sm2.comparePublicKeyHex(sm2.getPublicKeyFromPrivateKey(pair.privateKey), pair.publicKey);
  } catch {
    return false;
  }
}
