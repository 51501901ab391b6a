/**
 * Builds the gazetteer's typed arrays from the division tree. Kept as plain functions over local
 * variables: V8 optimises these loops far better than field accesses in a long constructor, and
 * start-up is a budget (≤ 2 s for the whole engine).
 */
import type { DivisionTree } from '@hutong/divisions';

export const enum FormKind { Name = 0, Short = 1, Alias = 2, Stem = 3 }

export const FNV_BASIS = 0x811c9dc5, FNV_PRIME = 0x01000193;
/** Township suffixes whose stem is still a usable name (坎墩街道 → 坎墩) when anchored. */
const TOWNSHIP_SUFFIX = /(?:街道|镇|乡|苏木)$/u;
const PACK = 2 ** 21;

export interface Units {
  codes: Float64Array; parent: Int32Array; subtreeEnd: Int32Array; levelMask: Uint8Array;
  names: string[]; aliases: Map<number, string>; tails: string[];
  formNode: Int32Array; formKind: Uint8Array; formKeep: Uint8Array; formTail: Uint8Array;
  /** Surface strings, only while building the index (dropped afterwards). */
  formStr: string[];
}

export function readUnits(tree: DivisionTree): Units {
  const size = tree.size;
  const codes = new Float64Array(size), parent = new Int32Array(size), levelMask = new Uint8Array(size);
  const names = new Array<string>(size);
  const aliases = new Map<number, string>();
  const tails = [''], tailIds = new Map<string, number>([['', 0]]);
  // Most units have a name and a short name; grow only past that.
  let cap = size * 2 + 1024, nForms = 0;
  let formNode = new Int32Array(cap), formKind = new Uint8Array(cap), formKeep = new Uint8Array(cap), formTail = new Uint8Array(cap);
  const formStr = new Array<string>(cap);
  const add = (node: number, kind: FormKind, str: string, keep: number, tail: string): void => {
    if (nForms === cap) {
      cap *= 2;
      formNode = grow(formNode, new Int32Array(cap)); formKind = grow(formKind, new Uint8Array(cap));
      formKeep = grow(formKeep, new Uint8Array(cap)); formTail = grow(formTail, new Uint8Array(cap));
    }
    let t = 0;
    if (tail) {
      t = tailIds.get(tail) ?? tails.push(tail) - 1;
      tailIds.set(tail, t);
    }
    formNode[nForms] = node; formKind[nForms] = kind; formKeep[nForms] = keep; formTail[nForms] = t;
    formStr[nForms++] = str;
  };
  const stack: number[] = [];
  // The tree's raw arrays, index by index (the same units, in the same order, as
  // namesIter({ includePlaceholders: true }) yields, without a Division object and code strings per unit).
  const raw = tree.rawUnits();
  const rawCodes = raw.codes, rawParent = raw.parent, rawMask = raw.levelMask, rawNames = raw.names, rawPlaceholder = raw.placeholder;
  let n = 0;
  // Placeholders (市辖区) are units too: their children point at them by code.
  for (let i = 0; i < size; i++) {
    codes[n] = rawCodes[i]!;
    const p = rawParent[i]!;
    if (p < 0) stack.length = 0;
    else {
      const pc = rawCodes[p]!;
      while (stack.length && codes[stack[stack.length - 1]!] !== pc) stack.pop();
    }
    parent[n] = stack.length ? stack[stack.length - 1]! : -1;
    stack.push(n);
    // Levels 1–5 as Division.level (the lowest) and alsoLevels (the rest) describe them.
    const m = rawMask[i]! & 0x3e;
    const level = m ? 31 - Math.clz32(m & -m) : 0;
    levelMask[n] = m || 1;
    const name = rawNames[i]!;
    names[n] = name;
    if (!rawPlaceholder[i]) {
      const short = raw.shortName(i);
      // A committee's official name (双源村村民委员会) is its short form plus a tail the address
      // grammar absorbs anyway; skipping it halves the forms to index.
      if (name.length >= 2 && !(level === 5 && short)) add(n, FormKind.Name, name, 0, '');
      if (short && short.length >= 2) {
        let keep = 0;
        while (keep < short.length && short.charCodeAt(keep) === name.charCodeAt(keep)) keep++;
        add(n, FormKind.Short, short, keep, short.slice(keep));
      }
      const alias = raw.alias(i);
      if (alias && alias.length >= 2 && alias !== name) {
        aliases.set(n, alias);
        add(n, FormKind.Alias, alias, 0, '');
      }
      if (level === 4) {
        const m4 = TOWNSHIP_SUFFIX.exec(name);
        if (m4 && m4.index >= 2) add(n, FormKind.Stem, name.slice(0, m4.index), m4.index, '');
      }
    }
    n++;
  }
  const subtreeEnd = new Int32Array(size);
  for (let i = 0; i < size; i++) subtreeEnd[i] = i + 1;
  for (let i = size - 1; i > 0; i--) {
    const p = parent[i]!;
    if (p >= 0 && subtreeEnd[i]! > subtreeEnd[p]!) subtreeEnd[p] = subtreeEnd[i]!;
  }
  if (nForms >= PACK || tails.length > 256) throw new Error('地名词表超出索引容量');
  formStr.length = nForms;
  return {
    codes, parent, subtreeEnd, levelMask, names, aliases, tails, formStr,
    formNode: formNode.slice(0, nForms), formKind: formKind.slice(0, nForms),
    formKeep: formKeep.slice(0, nForms), formTail: formTail.slice(0, nForms),
  };
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export interface FormIndex {
  sorted: Int32Array; groupStart: Int32Array; groupHash: Uint32Array;
  /**
   * The open-addressed prefix table, slot s at [2s, 2s + 1]: the prefix hash (as int32, 0 = empty
   * slot) and the first group whose string hashes to it (-1 for a proper prefix only). Key and
   * group side by side, so a probe costs one cache miss, not two.
   */
  slots: Int32Array;
  /**
   * One bit per (hashed) two-character prefix of a form: most text positions start no name, and
   * this 512 KB bitmap stays in cache where the multi-MB slot table does not, so hitsAt answers
   * them with one cache-resident load. A clear bit means no form starts with these two
   * characters (a set bit may be a hash collision: the slot table decides then).
   */
  pairBits: Int32Array;
}

/** Bits of the two-character prefix filter (2^PAIR_BITS bits), indexed by the top bits of the prefix hash. */
export const PAIR_BITS = 22;

function hash(s: string): number {
  let h = FNV_BASIS;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME) >>> 0;
  return h;
}

export function indexForms(formStr: readonly string[]): FormIndex {
  const nForms = formStr.length;
  // Sort by hash with the form id packed below it in one double (typed-array sort, no comparator).
  const packed = new Float64Array(nForms);
  for (let f = 0; f < nForms; f++) packed[f] = hash(formStr[f]!) * PACK + f;
  packed.sort();
  const sorted = new Int32Array(nForms);
  const starts = new Int32Array(nForms + 1), hashes = new Uint32Array(nForms);
  let groups = 0, prevHash = -1, prevStr = '';
  for (let k = 0; k < nForms; k++) {
    const v = packed[k]!;
    const h = Math.floor(v / PACK), f = v - h * PACK;
    sorted[k] = f;
    const s = formStr[f]!;
    if (h !== prevHash || s !== prevStr) {
      starts[groups] = k;
      hashes[groups++] = h;
      prevHash = h;
      prevStr = s;
    }
  }
  starts[groups] = nForms;
  // Every prefix of every distinct string; ≥ 2.5 slots per string keeps linear probing short.
  let slots = 1;
  while (slots < groups * 5) slots *= 2;
  const mask = slots - 1;
  const table = new Int32Array(2 * slots);
  for (let k = 1; k < table.length; k += 2) table[k] = -1;
  const pairBits = new Int32Array(1 << (PAIR_BITS - 5));
  for (let g = 0; g < groups; g++) {
    const s = formStr[sorted[starts[g]!]!]!;
    let h = FNV_BASIS;
    h = Math.imul(h ^ s.charCodeAt(0), FNV_PRIME) >>> 0;
    if (s.length >= 2) {
      const p = Math.imul(h ^ s.charCodeAt(1), FNV_PRIME) >>> (32 - PAIR_BITS);
      pairBits[p >>> 5]! |= 1 << (p & 31);
    }
    // Forms are ≥ 2 characters, so lookups start at two and one-character prefixes need no slot.
    for (let k = 1; k < s.length; k++) {
      h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME) >>> 0;
      const key = (h || 1) | 0;
      let slot = key & mask, cur: number;
      while ((cur = table[2 * slot]!) !== key && cur !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = key;
      if (k === s.length - 1 && table[2 * slot + 1] === -1) table[2 * slot + 1] = g;
    }
  }
  return { sorted, groupStart: starts.slice(0, groups + 1), groupHash: hashes.slice(0, groups), slots: table, pairBits };
}
