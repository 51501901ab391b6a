/**
 * Errors of the crypto module. Both map to 500: the caller cannot fix them,
 * and the message must not reach the client (it may hint at which check failed).
 */

/** Ciphertext, tag, header or binding did not verify: tampering, a copied value or the wrong key. */
export class CryptoIntegrityError extends Error {
  readonly code = 'HUTONG_CRYPTO_INTEGRITY';
  readonly statusCode = 500;

  constructor(detail?: string) {
    super(detail ? `数据完整性校验失败：${detail}` : '数据完整性校验失败');
    this.name = 'CryptoIntegrityError';
  }
}

/** Keys missing, malformed, of an unknown version, or a key file we refuse to use. */
export class CryptoKeyError extends Error {
  readonly code = 'HUTONG_CRYPTO_KEY';
  readonly statusCode = 500;

  constructor(message: string) {
    super(message);
    this.name = 'CryptoKeyError';
  }
}
