import { decodeChildPrints, type PrintTerm } from './child-prints.ts';
import { encodeCues, type CueEntry } from './cue-lexicon.ts';
import { finish, pairHash, setBit, tagOf } from './fast-hash.ts';
import { ENTRY_KINDS, PAIR_NAMES, pairTypeOf } from './fingerprint.ts';
import { sortColumns, type FingerprintColumns } from './fingerprint-table.ts';
import { buildPairIndex, pairPrint } from './pair-index.ts';
import { derivePackageKeys, type PackageKeys } from './package-keys.ts';
import { bytesOf, END_BITS, FORMAT_VERSION, REF_BYTES, START_BITS, writePackage, type PackageHeader, type SectionName } from './package-format.ts';
import { encodeLog2, expectedOthers, nameFrequency, selectivity } from './strength.ts';
import { U32List, countOf, distinctCount, sortedCounts } from './u32-list.ts';

/**
 * Puts stored child prints together into a package. No HMAC and no registry value here: the
 * expensive, sensitive step (decrypt, normalise, HMAC) happened per child in deriveChildPrints;
 * this only counts, sizes and lays out, so a rebuild after a few registry changes is quick.
 */

export interface AssembleChild {
  /** Opaque reference the platform resolves to the child (REF_BYTES bytes). */
  readonly ref: Uint8Array;
  /** encodeChildPrints output. */
  readonly prints: Uint8Array;
}

export interface AssembleOptions {
  readonly packageKey: Uint8Array;
  readonly epoch: number;
  readonly version: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** Called twice (count, then fill), so a caller can stream from storage instead of holding all. */
  readonly children: () => Iterable<AssembleChild>;
  readonly cues: readonly CueEntry[];
  readonly pairWindow?: number;
  readonly nameWindow?: number;
  readonly threshold?: number;
}

export interface AssembleStats {
  readonly children: number;
  readonly fingerprints: number;
  readonly distinctNames: number;
  /** Share of name-tag bits set: the chance an unregistered name passes the pre-filter. */
  readonly nameOccupancy: number;
  readonly contextOccupancy: number;
  readonly pairs: number;
  readonly bytes: number;
}

/** Name to place or school: within a sentence or two. */
export const DEFAULT_PAIR_WINDOW = 100;
/** Child to guardian: "王小明的奶奶李桂英" — close; farther apart, two names are as often strangers. */
export const DEFAULT_NAME_WINDOW = 24;
export const DEFAULT_THRESHOLD = 0.5;
/**
 * Name tags: about 8 bits per distinct name, so roughly one tag in ten is set and an unregistered
 * name passes the pre-filter with that chance — the package cannot tell whether a name is registered.
 */
const NAME_BITS_PER_NAME = 8;
const CONTEXT_BITS_PER_TAG = 32;


function log2Ceil(n: number): number {
  return Math.ceil(Math.log2(Math.max(1, n)));
}

const lastState = (t: PrintTerm) => t.states[t.states.length - 1]!;
const idOf = (k: PackageKeys, t: PrintTerm) => finish(lastState(t), t.length, k.idSalt);

export function assemblePackage(o: AssembleOptions): { bytes: Buffer; stats: AssembleStats } {
  const keys = derivePackageKeys(o.packageKey);
  // Pass 1: counts that size the structures and weigh the combinations.
  const nameIds = new U32List(), nameTags = new U32List(), contextTags = new U32List(), starts = new U32List(), ends = new U32List();
  const schoolCounty = new Map<number, number>(), schoolCounties = new Map<number, Set<number>>();
  let children = 0, entries = 0, pairs = 0, nameMax = 0, contextMax = 0, nameLengthMask = 0;
  for (const c of o.children()) {
    if (c.ref.length !== REF_BYTES) throw new RangeError(`儿童引用应为 ${REF_BYTES} 字节`);
    const p = decodeChildPrints(c.prints);
    children++;
    for (const t of p.terms) {
      if (t.role === 'name') {
        nameIds.push(idOf(keys, t));
        nameTags.push(finish(lastState(t), t.length, keys.nameSalt));
        starts.push(tagOf(t.states[0]!, keys.startSalt, START_BITS));
        nameMax = Math.max(nameMax, t.length);
        nameLengthMask |= 1 << t.length;
      } else {
        for (let len = 2; len <= t.length; len++) contextTags.push(finish(t.states[len - 1]!, len, keys.prefixSalt));
        contextTags.push(finish(lastState(t), t.length, keys.termSalt));
        contextMax = Math.max(contextMax, t.length);
        ends.push(tagOf(t.states[0]!, keys.endSalt, END_BITS));
      }
    }
    for (const e of p.entries) {
      entries++;
      if (e.kind === 'id_number') continue;
      // A child's and a guardian's names are filed under both names' tags (see below).
      pairs += e.kind === 'name_guardian' ? 2 : 1;
      if (e.kind === 'name_school') {
        const id = idOf(keys, p.terms[e.b]!), first = schoolCounty.get(id);
        if (first === undefined) schoolCounty.set(id, p.county);
        else if (first !== p.county) {
          let s = schoolCounties.get(id);
          if (!s) schoolCounties.set(id, (s = new Set([first])));
          s.add(p.county);
        }
      }
    }
  }

  const names = sortedCounts(nameIds.toArray());
  const totalNames = nameIds.length;
  const nameBits = Math.min(30, Math.max(5, log2Ceil(distinctCount(nameTags.toArray()) * NAME_BITS_PER_NAME)));
  const contextBits = Math.min(30, Math.max(10, log2Ceil(distinctCount(contextTags.toArray()) * CONTEXT_BITS_PER_TAG)));
  const nameSet = new Uint32Array(2 ** Math.max(0, nameBits - 5));
  const contextSet = new Uint32Array(2 ** (contextBits - 5));
  const columns: FingerprintColumns = {
    hi: new Uint32Array(entries), lo: new Uint32Array(entries), child: new Uint32Array(entries), kind: new Uint8Array(entries),
    expected: new Uint8Array(entries), selectivity: new Uint8Array(entries),
  };
  const pairTags = new Uint32Array(pairs), pairPrints = new Uint16Array(pairs);
  const refs = new Uint8Array(children * REF_BYTES);
  const freq = (t: PrintTerm) => nameFrequency(countOf(names, idOf(keys, t)), totalNames, t.length);

  // Pass 2: fill.
  let ci = 0, ei = 0, pi = 0;
  for (const c of o.children()) {
    if (ci >= children) throw new RangeError('儿童指纹在两次读取之间发生了变化');
    refs.set(c.ref, ci * REF_BYTES);
    const p = decodeChildPrints(c.prints);
    for (const t of p.terms) {
      if (t.role === 'name') setBit(nameSet, tagOf(lastState(t), keys.nameSalt, nameBits));
      else {
        for (let len = 2; len <= t.length; len++) setBit(contextSet, tagOf(t.states[len - 1]!, keys.prefixSalt, contextBits));
        setBit(contextSet, tagOf(lastState(t), keys.termSalt, contextBits));
      }
    }
    for (const e of p.entries) {
      let expected = 0, narrows = 0;
      if (e.kind !== 'id_number') {
        const a = p.terms[e.a]!, b = p.terms[e.b]!;
        const schoolId = e.kind === 'name_school' ? idOf(keys, b) : 0;
        const multiplicity = e.kind === 'name_school' ? Math.max(e.multiplicity, schoolCounties.get(schoolId)?.size ?? 1) : e.multiplicity;
        const clue = { kind: e.kind, first: freq(a), ...(e.kind === 'name_guardian' ? { second: freq(b) } : {}), multiplicity };
        expected = expectedOthers(clue);
        narrows = selectivity(clue);
        // Filed under the tag of the name (the child's, or the guardian's with a village). Two names
        // are filed under each, so the scanner checks a pair once, from whichever comes first.
        pairTags[pi] = tagOf(lastState(a), keys.nameSalt, nameBits);
        pairPrints[pi++] = pairPrint(pairHash(idOf(keys, a), idOf(keys, b), pairTypeOf(e.kind), keys.pairSeed));
        if (e.kind === 'name_guardian') {
          pairTags[pi] = tagOf(lastState(b), keys.nameSalt, nameBits);
          pairPrints[pi++] = pairPrint(pairHash(idOf(keys, b), idOf(keys, a), PAIR_NAMES, keys.pairSeed));
        }
      }
      columns.hi[ei] = e.fingerprint.hi;
      columns.lo[ei] = e.fingerprint.lo;
      columns.child[ei] = ci;
      columns.kind[ei] = ENTRY_KINDS[e.kind];
      columns.expected[ei] = encodeLog2(expected);
      columns.selectivity[ei++] = encodeLog2(narrows);
    }
    ci++;
  }
  if (ci !== children || ei !== entries || pi !== pairs) throw new RangeError('儿童指纹在两次读取之间发生了变化');

  const pairIndex = buildPairIndex(nameSet, pairTags, pairPrints);
  const startSet = new Uint32Array(2 ** (START_BITS - 5));
  for (const t of starts.toArray()) setBit(startSet, t);
  const endSet = new Uint32Array(2 ** (END_BITS - 5));
  for (const t of ends.toArray()) setBit(endSet, t);
  const sorted = sortColumns(columns);
  const header: PackageHeader = {
    formatVersion: FORMAT_VERSION, epoch: o.epoch, version: o.version, createdAt: o.createdAt, expiresAt: o.expiresAt,
    children, fingerprints: entries, nameBits, contextBits, nameMax, contextMax, nameLengthMask,
    pairWindow: o.pairWindow ?? DEFAULT_PAIR_WINDOW, nameWindow: o.nameWindow ?? DEFAULT_NAME_WINDOW, threshold: o.threshold ?? DEFAULT_THRESHOLD,
  };
  const sections = new Map<SectionName, Uint8Array>([
    ['packageKey', o.packageKey],
    ['nameBits', bytesOf(nameSet)],
    ['nameStarts', bytesOf(startSet)],
    ['contextBits', bytesOf(contextSet)],
    ['contextEnds', bytesOf(endSet)],
    ['pairOffsets', bytesOf(pairIndex.offsets)],
    ['pairPrints', bytesOf(pairIndex.prints)],
    ['fpHi', bytesOf(sorted.hi)],
    ['fpLo', bytesOf(sorted.lo)],
    ['fpChild', bytesOf(sorted.child)],
    ['fpKind', sorted.kind],
    ['fpExpected', sorted.expected],
    ['fpSelectivity', sorted.selectivity],
    ['refs', refs],
    ['lexicon', encodeCues(o.cues)],
  ]);
  const bytes = writePackage(header, sections);
  return {
    bytes,
    stats: {
      children, fingerprints: entries, distinctNames: names.values.length, pairs: pairIndex.prints.length,
      nameOccupancy: occupancy(nameSet), contextOccupancy: occupancy(contextSet), bytes: bytes.length,
    },
  };
}

function occupancy(bits: Uint32Array): number {
  let set = 0;
  for (const w of bits) {
    let x = w;
    while (x) {
      x &= x - 1;
      set++;
    }
  }
  return set / (bits.length * 32);
}
