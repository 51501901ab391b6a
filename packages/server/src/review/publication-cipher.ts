import { bindingAad, CryptoIntegrityError, newDataKey, unwrapDataKey, wrapDataKey, type Keyring, type SuiteKey } from '../shared/crypto/index.ts';

/**
 * Envelope encryption of a publication (shared/crypto): each publication has two random data
 * keys, stored only wrapped by the master key — the record key and the draft key (see migration
 * 0006 for what each seals and how long). A sealed blob is
 *   version(1)=1 ‖ suiteId(1) ‖ nonce ‖ ciphertext ‖ tag
 * with the AAD binding table, column and row id, so a blob copied to another file or
 * publication fails to open.
 */
export type KeyKind = 'record' | 'draft';

const FORMAT = 1;
/** What a publication key's wrap is bound to (key rotation re-wraps under the same label). */
export const publicationKeyLabel = (publicationId: string, kind: KeyKind) => `publication:${publicationId}:${kind}`;

export interface PublicationKey {
  readonly key: SuiteKey;
  readonly suiteId: number;
}

export interface NewPublicationKey extends PublicationKey {
  readonly wrapped: Buffer;
  readonly masterVersion: number;
}

export function newPublicationKey(keyring: Keyring, publicationId: string, kind: KeyKind): NewPublicationKey {
  const dataKey = newDataKey();
  try {
    const { wrapped, masterVersion } = wrapDataKey(keyring, dataKey, publicationKeyLabel(publicationId, kind));
    return { key: keyring.suite.deriveKey(dataKey), suiteId: keyring.suite.id, wrapped, masterVersion };
  } finally {
    dataKey.fill(0);
  }
}

export function openPublicationKey(keyring: Keyring, publicationId: string, kind: KeyKind, wrapped: Buffer, masterVersion: number): PublicationKey {
  const dataKey = unwrapDataKey(keyring, wrapped, masterVersion, publicationKeyLabel(publicationId, kind));
  try {
    return { key: keyring.suite.deriveKey(dataKey), suiteId: keyring.suite.id };
  } finally {
    dataKey.fill(0);
  }
}

export interface Binding {
  readonly table: 'publications' | 'publication_files';
  readonly column: string;
  readonly rowId: string;
}

export function sealBytes(k: PublicationKey, binding: Binding, plain: Buffer): Buffer {
  const head = Buffer.from([FORMAT, k.suiteId]);
  return Buffer.concat([head, k.key.seal(plain, Buffer.concat([head, bindingAad(binding)]))]);
}

export function openBytes(k: PublicationKey, binding: Binding, blob: Buffer): Buffer {
  const b = Buffer.from(blob);
  if (b.length < 2 || b[0] !== FORMAT || b[1] !== k.suiteId) throw new CryptoIntegrityError('发布稿件密文的格式或加密套件不匹配');
  return k.key.open(b.subarray(2), Buffer.concat([b.subarray(0, 2), bindingAad(binding)]));
}

export function sealJson(k: PublicationKey, binding: Binding, value: unknown): Buffer {
  return sealBytes(k, binding, Buffer.from(JSON.stringify(value), 'utf8'));
}

export function openJson<T>(k: PublicationKey, binding: Binding, blob: Buffer): T {
  return JSON.parse(openBytes(k, binding, blob).toString('utf8')) as T;
}
