import { lengthPrefixed } from './bytes.ts';
import type { Keyring } from './keyring.ts';

/**
 * Blind indexes: a keyed HMAC of a normalised value, stored beside the
 * ciphertext so equality look-ups work without decrypting. Equality only:
 * prefix or fuzzy search on identifiers would need a weaker scheme and is
 * deliberately not offered.
 */

const INDEX_KEY_LABEL = 'hutong/blind-index/v1';

/** ID numbers as typed: full-width digits, spaces, dashes, lower-case x. */
export function normaliseIdNumber(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212]/gu, '')
    .toUpperCase();
}

// Middle dots in transliterated names (e.g. 买买提·艾力) arrive in several code
// points depending on the input method; NFKC alone does not unify them.
const NAME_DOTS = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65]/gu;

/** Names: NFKC, no white space anywhere, one middle dot. */
export function normaliseName(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, '').replace(NAME_DOTS, '\u00B7');
}

// One key per index name so equal values in two indexes (say a child's and a
// guardian's ID number) do not produce linkable equal hashes.
const perIndexKeys = new WeakMap<Keyring, Map<string, Buffer>>();

function indexKeyFor(keyring: Keyring, indexName: string): Buffer {
  let keys = perIndexKeys.get(keyring);
  if (!keys) perIndexKeys.set(keyring, (keys = new Map()));
  let key = keys.get(indexName);
  if (!key) {
    const root = keyring.indexKey;
    key = keyring.suite.hmac(root, lengthPrefixed(INDEX_KEY_LABEL, indexName));
    root.fill(0);
    keys.set(indexName, key);
  }
  return key;
}

/** Callers normalise first (normaliseIdNumber / normaliseName); this only hashes. */
export function blindIndex(keyring: Keyring, indexName: string, normalisedValue: string): Buffer {
  if (!indexName) throw new RangeError('盲索引名称不能为空');
  // Empty values would all share one hash and match each other.
  if (!normalisedValue) throw new RangeError('盲索引的值不能为空');
  return keyring.suite.hmac(indexKeyFor(keyring, indexName), normalisedValue);
}
