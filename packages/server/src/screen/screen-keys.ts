import { REF_BYTES } from '@hutong/screen';
import { lengthPrefixed } from '../shared/crypto/bytes.ts';
import { hmacSm3 } from '../shared/crypto/sm3.ts';
import type { Keyring } from '../shared/crypto/index.ts';

/**
 * The platform side of the screening keys, derived from the keyring's index root like the blind
 * indexes (never used to encrypt): the screening root, from which each epoch's package key comes
 * (@hutong/screen packageKeyFor) and which never leaves the platform, and the child-reference key.
 * A child's reference is HMAC-SM3(refKey, child id): stable across packages so incidents about the
 * same child line up, opaque to every package holder (they hold neither the key nor child ids),
 * and resolved by the platform by look-up in screening_prints.
 */
const ROOT_LABEL = 'hutong/screen/root/v1';
const REF_LABEL = 'hutong/screen/child-ref/v1';

function derived(keyring: Keyring, label: string): Buffer {
  const root = keyring.indexKey;
  try {
    return hmacSm3(root, lengthPrefixed(label));
  } finally {
    root.fill(0);
  }
}

export function screeningRootKey(keyring: Keyring): Buffer {
  return derived(keyring, ROOT_LABEL);
}

export function childRefKey(keyring: Keyring): Buffer {
  return derived(keyring, REF_LABEL);
}

export function childRef(refKey: Buffer, childId: string): Buffer {
  return hmacSm3(refKey, childId).subarray(0, REF_BYTES);
}
