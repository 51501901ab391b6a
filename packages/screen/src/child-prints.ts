import { checkDigit } from '@hutong/core';
import { prefixStates } from './fast-hash.ts';
import { ENTRY_KINDS, type EntryKind, type Fingerprint, idFingerprint, pairFingerprint, pairTypeOf } from './fingerprint.ts';
import { isHan, normaliseTerm } from './normalise.ts';
import type { PackageKeys } from './package-keys.ts';
import { GENERIC_SCHOOL_MULTIPLICITY, isGenericSchool } from './strength.ts';

/**
 * One child's contribution to a package, derived once and kept by the platform (keyed by child
 * and registry row version) so that a rebuild re-derives only children whose record changed.
 * It holds keyed values only — fingerprints and pre-filter chain states — never a name or number.
 */

/** A place as written, with how many places in the country are written the same way. */
export interface PlaceForm {
  readonly text: string;
  readonly multiplicity: number;
}

/** What the registry side yields per child (raw values; normalised here, the one normalisation). */
export interface ChildCombinations {
  readonly idNumbers: readonly string[];
  readonly names: readonly string[];
  readonly guardians: readonly string[];
  readonly villages: readonly PlaceForm[];
  readonly townships: readonly PlaceForm[];
  readonly schools: readonly string[];
  /** 6-digit county code of the child's region: a school written the same in many counties is a weak clue. */
  readonly county: string;
}

export const NAME_MIN = 2;
/**
 * Up to 15 汉字 (the package's 16-bit name-length mask): Uyghur and Kazakh names written in 汉字,
 * given name and father's name together, run to 9–12 (阿卜杜热依木·买买提 is 9 once the dot goes).
 * The scanner tries only the lengths the registry holds, so long names cost nothing until registered.
 */
export const NAME_MAX = 15;
export const CONTEXT_MIN = 2;
export const CONTEXT_MAX = 48;

export interface PrintTerm {
  readonly role: 'name' | 'context';
  /** Normalised length in code points. */
  readonly length: number;
  /**
   * Chain states after each code point: a name's first and last (read forwards, from where a name
   * can start); every one of a place's or school's, read BACKWARDS from its last character, because
   * the scanner finds those from where they can end (村, 镇, 社区, 小学 …).
   */
  readonly states: readonly number[];
}

export interface PrintEntry {
  readonly kind: EntryKind;
  readonly fingerprint: Fingerprint;
  /** Term indexes (b = -1 for an ID number). */
  readonly a: number;
  readonly b: number;
  /** For place kinds: places in the country written like this one (1 = unique). */
  readonly multiplicity: number;
}

export interface ChildPrints {
  readonly county: number;
  readonly terms: readonly PrintTerm[];
  readonly entries: readonly PrintEntry[];
}

/** Bumped when derivation changes, so stored prints of an older derivation are re-derived. */
export const DERIVE_VERSION = 2; // 2: names of 9–15 汉字 are indexed

function codesOf(s: string): number[] {
  return [...s].map((c) => c.codePointAt(0)!);
}

export function isIndexableName(normalised: string): boolean {
  const codes = codesOf(normalised);
  return codes.length >= NAME_MIN && codes.length <= NAME_MAX && codes.every(isHan);
}

export function isIndexableContext(normalised: string): boolean {
  const n = [...normalised].length;
  return n >= CONTEXT_MIN && n <= CONTEXT_MAX;
}

export function isIdNumber(normalised: string): boolean {
  return /^\d{17}[\dX]$/u.test(normalised) && checkDigit(normalised.slice(0, 17)) === normalised[17];
}

export function deriveChildPrints(keys: PackageKeys, c: ChildCombinations): ChildPrints {
  const terms: PrintTerm[] = [];
  const termIndex = new Map<string, number>();
  const term = (role: PrintTerm['role'], text: string): number => {
    const key = `${role}:${text}`;
    let i = termIndex.get(key);
    if (i === undefined) {
      const codes = codesOf(text);
      let states: number[];
      if (role === 'name') {
        const all = prefixStates(keys.chainSeed, codes);
        states = [all[0]!, all[all.length - 1]!];
      } else states = prefixStates(keys.chainSeed, [...codes].reverse());
      termIndex.set(key, (i = terms.length));
      terms.push({ role, length: codes.length, states });
    }
    return i;
  };
  const entries: PrintEntry[] = [];
  const seen = new Set<string>();
  const add = (kind: EntryKind, fingerprint: Fingerprint, a: number, b: number, multiplicity: number) => {
    const k = `${kind}:${fingerprint.hi}:${fingerprint.lo}`;
    if (seen.has(k)) return;
    seen.add(k);
    entries.push({ kind, fingerprint, a, b, multiplicity: Math.max(1, Math.min(0xffff, Math.round(multiplicity))) });
  };

  for (const raw of c.idNumbers) {
    const id = normaliseTerm(raw);
    if (isIdNumber(id)) add('id_number', idFingerprint(keys.fingerprintKey, id), -1, -1, 1);
  }
  const names = unique(c.names.map(normaliseTerm).filter(isIndexableName));
  const guardians = unique(c.guardians.map(normaliseTerm).filter(isIndexableName)).filter((g) => !names.includes(g));
  const places = (forms: readonly PlaceForm[]) => uniqueForms(forms.map((f) => ({ text: normaliseTerm(f.text), multiplicity: f.multiplicity })).filter((f) => isIndexableContext(f.text)));
  const villages = places(c.villages), townships = places(c.townships);
  const schools = unique(c.schools.map(normaliseTerm).filter(isIndexableContext));

  const pair = (kind: EntryKind, first: string, firstRole: PrintTerm['role'], second: string, secondRole: PrintTerm['role'], multiplicity: number) =>
    add(kind, pairFingerprint(keys.fingerprintKey, pairTypeOf(kind), first, second), term(firstRole, first), term(secondRole, second), multiplicity);
  for (const n of names) {
    for (const v of villages) pair('name_village', n, 'name', v.text, 'context', v.multiplicity);
    for (const t of townships) pair('name_township', n, 'name', t.text, 'context', t.multiplicity);
    for (const s of schools) pair('name_school', n, 'name', s, 'context', isGenericSchool(s) ? GENERIC_SCHOOL_MULTIPLICITY : 1);
    for (const g of guardians) pair('name_guardian', n, 'name', g, 'name', 1);
  }
  for (const g of guardians) for (const v of villages) pair('guardian_village', g, 'name', v.text, 'context', v.multiplicity);
  if (terms.length > 255 || entries.length > 255) throw new RangeError('一名儿童的指纹组合过多（上限 255）');
  return { county: /^\d{6}$/u.test(c.county) ? Number(c.county) : 0, terms, entries };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function uniqueForms(xs: PlaceForm[]): PlaceForm[] {
  const m = new Map<string, PlaceForm>();
  for (const x of xs) if (!m.has(x.text)) m.set(x.text, x);
  return [...m.values()];
}

// --- storage form (bytea in the platform's table) ---

const FORMAT = 1;

export function encodeChildPrints(p: ChildPrints): Buffer {
  let size = 1 + 4 + 1 + 1;
  for (const t of p.terms) size += 2 + 4 * t.states.length;
  size += p.entries.length * 13;
  const b = Buffer.alloc(size);
  let o = b.writeUInt8(FORMAT, 0);
  o = b.writeUInt32LE(p.county, o);
  o = b.writeUInt8(p.terms.length, o);
  for (const t of p.terms) {
    o = b.writeUInt8(t.role === 'name' ? 0 : 1, o);
    o = b.writeUInt8(t.length, o);
    for (const s of t.states) o = b.writeInt32LE(s, o);
  }
  o = b.writeUInt8(p.entries.length, o);
  for (const e of p.entries) {
    o = b.writeUInt8(ENTRY_KINDS[e.kind], o);
    o = b.writeUInt8(e.a < 0 ? 255 : e.a, o);
    o = b.writeUInt8(e.b < 0 ? 255 : e.b, o);
    o = b.writeUInt32LE(e.fingerprint.hi, o);
    o = b.writeUInt32LE(e.fingerprint.lo, o);
    o = b.writeUInt16LE(e.multiplicity, o);
  }
  return b;
}

const KIND_BY_CODE = new Map<number, EntryKind>(Object.entries(ENTRY_KINDS).map(([k, v]) => [v, k as EntryKind]));

export function decodeChildPrints(b: Uint8Array): ChildPrints {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.readUInt8(0) !== FORMAT) throw new RangeError('儿童指纹记录格式不受支持');
  let o = 1;
  const county = buf.readUInt32LE(o); o += 4;
  const nTerms = buf.readUInt8(o++);
  const terms: PrintTerm[] = [];
  for (let i = 0; i < nTerms; i++) {
    const role = buf.readUInt8(o++) === 0 ? 'name' : 'context';
    const length = buf.readUInt8(o++);
    const n = role === 'name' ? 2 : length;
    const states: number[] = [];
    for (let k = 0; k < n; k++, o += 4) states.push(buf.readInt32LE(o));
    terms.push({ role, length, states });
  }
  const nEntries = buf.readUInt8(o++);
  const entries: PrintEntry[] = [];
  for (let i = 0; i < nEntries; i++) {
    const kind = KIND_BY_CODE.get(buf.readUInt8(o));
    if (!kind) throw new RangeError('儿童指纹记录含未知类型');
    const a = buf.readUInt8(o + 1), bIdx = buf.readUInt8(o + 2);
    entries.push({ kind, a: a === 255 ? -1 : a, b: bIdx === 255 ? -1 : bIdx, fingerprint: { hi: buf.readUInt32LE(o + 3), lo: buf.readUInt32LE(o + 7) }, multiplicity: buf.readUInt16LE(o + 11) });
    o += 13;
  }
  if (o !== buf.length) throw new RangeError('儿童指纹记录长度不符');
  return { county, terms, entries };
}
