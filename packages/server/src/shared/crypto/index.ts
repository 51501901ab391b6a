export { type BytesLike } from './bytes.ts';
export { CryptoIntegrityError, CryptoKeyError } from './crypto.errors.ts';
export { hmacSha256, hmacSm3, sha256, sm3 } from './sm3.ts';
export { findSuiteById, getSuite, isSuiteName, SUITE_NAMES, type Suite, type SuiteKey, type SuiteName } from './suite.ts';
export { sm4Sm3Suite } from './sm4-sm3.suite.ts';
export { aesGcmSuite } from './aes-gcm.suite.ts';
export {
  bindingAad,
  decryptField,
  encryptField,
  FIELD_FORMAT_VERSION,
  FieldCipher,
  readFieldHeader,
  type FieldBinding,
  type FieldHeader,
} from './field-cipher.ts';
export {
  addMasterKeyVersion,
  CRYPTO_SUITE_ENV,
  loadOrCreateKeyring,
  MASTER_KEYS_ENV,
  type Keyring,
  type KeyringJson,
  type LoadKeyringOptions,
} from './keyring.ts';
export { keyringToJson, newKeyringJson, parseKeyring } from './keyring-json.ts';
export { newDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey, type WrappedDataKey } from './envelope.ts';
export { blindIndex, normaliseIdNumber, normaliseName } from './blind-index.ts';
export { generateSm2KeyPair, isSm2KeyPair, SM2_DEFAULT_USER_ID, sm2Sign, sm2Verify, type Sm2KeyPair } from './sm2.ts';
