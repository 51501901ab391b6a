import { FieldCipher, readFieldHeader, type Keyring } from '../shared/crypto/index.ts';

/**
 * TOTP secrets at rest. They are not child data, so there is no per-row data key: a key is
 * derived from the master key (HMAC with a label, one key per master version) and the blob
 * uses the field format, whose header carries that master version. After a rotation old blobs
 * still open under their version and are re-sealed under the current one at the next login.
 * The AAD binds the blob to users.totp_secret of this user: copied to another account it fails.
 */
const LABEL = 'hutong/totp-secret/v1';

const ciphers = new WeakMap<Keyring, Map<number, FieldCipher>>();

function cipherFor(keyring: Keyring, version: number): FieldCipher {
  let perVersion = ciphers.get(keyring);
  if (!perVersion) ciphers.set(keyring, (perVersion = new Map()));
  let cipher = perVersion.get(version);
  if (!cipher) {
    const master = keyring.masterKey(version);
    const key = keyring.suite.hmac(master, LABEL);
    master.fill(0);
    cipher = new FieldCipher(keyring.suite, key, version);
    key.fill(0);
    perVersion.set(version, cipher);
  }
  return cipher;
}

const binding = (userId: string) => ({ table: 'users', column: 'totp_secret', rowId: userId });

export function sealTotpSecret(keyring: Keyring, userId: string, secret: string): Buffer {
  return cipherFor(keyring, keyring.currentVersion).encrypt(binding(userId), secret);
}

export function openTotpSecret(keyring: Keyring, userId: string, blob: Uint8Array): string {
  const { keyVersion } = readFieldHeader(blob);
  return cipherFor(keyring, keyVersion).decrypt(binding(userId), blob);
}

export function isSealedUnderCurrentKey(keyring: Keyring, blob: Uint8Array): boolean {
  return readFieldHeader(blob).keyVersion === keyring.currentVersion;
}
