import { createHmac } from 'node:crypto';

/**
 * What a fingerprint is of: one normalised identifying combination (issue 7 item 1). A name alone
 * is never fingerprinted — only a full ID number, or a name together with a place, a school or a
 * guardian's name — so a package holder can test guesses of full combinations only.
 */
export const ENTRY_KINDS = {
  id_number: 1,
  name_village: 2,
  name_township: 3,
  name_school: 4,
  name_guardian: 5,
  guardian_village: 6,
} as const;
export type EntryKind = keyof typeof ENTRY_KINDS;
export const ENTRY_KIND_NAMES: readonly (EntryKind | undefined)[] = (() => {
  const out: (EntryKind | undefined)[] = [];
  for (const [k, v] of Object.entries(ENTRY_KINDS)) out[v] = k as EntryKind;
  return out;
})();

/** The two spans each kind of evidence consists of, as reported in a hit. */
export const EVIDENCE_PARTS: Readonly<Record<EntryKind, readonly [string] | readonly [string, string]>> = {
  id_number: ['id_number'],
  name_village: ['name', 'village'],
  name_township: ['name', 'township'],
  name_school: ['name', 'school'],
  name_guardian: ['name', 'guardian_name'],
  guardian_village: ['guardian_name', 'village'],
};

/** Pre-filter pair types: a name with a place or school, or two names (child and guardian). */
export const PAIR_PLACE = 1;
export const PAIR_NAMES = 2;

export function pairTypeOf(kind: EntryKind): number {
  return kind === 'name_guardian' ? PAIR_NAMES : PAIR_PLACE;
}

const ID_TAG = Buffer.from('I');
const PLACE_TAG = Buffer.from('P');
const NAMES_TAG = Buffer.from('N');
const SEP = Buffer.from([0]);

/** First 8 bytes of the HMAC as two unsigned 32-bit halves (the package stores and sorts these). */
export interface Fingerprint {
  readonly hi: number;
  readonly lo: number;
}

function truncated(digest: Buffer): Fingerprint {
  return { hi: digest.readUInt32BE(0), lo: digest.readUInt32BE(4) };
}

/** An 18-character ID number, already normalised (digits, upper-case X). */
export function idFingerprint(key: Uint8Array, idNumber: string): Fingerprint {
  return truncated(createHmac('sm3', key).update(ID_TAG).update(idNumber, 'latin1').digest());
}

/**
 * A combination of two normalised terms. For names-with-names the child's name comes first; for
 * a name with a place or school, the person's name first.
 */
export function pairFingerprint(key: Uint8Array, pairType: number, first: string, second: string): Fingerprint {
  return truncated(createHmac('sm3', key).update(pairType === PAIR_NAMES ? NAMES_TAG : PLACE_TAG).update(first, 'utf8').update(SEP).update(second, 'utf8').digest());
}
