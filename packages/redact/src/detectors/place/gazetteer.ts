/**
 * The place-name gazetteer over the shipped 2023 division tree: every official name, short name
 * (多福巷社区) and alias (松溪, 嘉定) of 665k units, plus the bare stem of a township (坎墩 for
 * 坎墩街道) because addresses drop the suffix once the county is written.
 *
 * A Map or trie node per name would cost hundreds of MB of heap for 1.3M surface forms, so the
 * matcher is a hash-of-prefix scan over typed arrays: one open-addressed table holds the 32-bit
 * FNV-1a hash of every prefix of every form; a scan from position i extends one character at a
 * time and stops at the first prefix the table does not know (names are short, so this is a few
 * probes per character). Slots of complete forms point to a run of "groups" (one per distinct
 * string sharing that hash), each listing its units; a hit is confirmed against the real string
 * once per group, so hash collisions cost a comparison, never a wrong answer.
 */
import { getDivisions, type DivisionTree } from '@hutong/divisions';
import { FNV_BASIS, FNV_PRIME, FormKind, indexForms, PAIR_BITS, readUnits } from './gazetteer-build.ts';

// Module-local copies: an imported binding read in the per-character scan costs a live-binding
// load each time (tsx-transformed ESM); a local const is a constant to the JIT.
const BASIS = FNV_BASIS, PRIME = FNV_PRIME, PAIR_SHIFT = 32 - PAIR_BITS;
const NAME = FormKind.Name, ALIAS = FormKind.Alias;

export { FormKind } from './gazetteer-build.ts';

/** A confirmed match: text[start, end) is the surface form of entries from … to-1 (nodeAt/kindAt). */
export interface PlaceHit {
  readonly end: number;
  readonly from: number;
  readonly to: number;
}

export class Gazetteer {
  /** Units in code order (pre-order), so a subtree is the index run [i, subtreeEnd[i]). */
  readonly codes: Float64Array;
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
  /** Bit (1 << level) for each level the unit occupies (东莞市: 2 and 3). */
  readonly levelMask: Uint8Array;
  readonly names: string[];
  private readonly aliases: Map<number, string>;
  private readonly tails: string[];
  // Per surface form: its unit, kind and, for short/stem forms, name.slice(0, keep) + tails[tail].
  private readonly formNode: Int32Array;
  private readonly formKind: Uint8Array;
  private readonly formKeep: Uint8Array;
  private readonly formTail: Uint8Array;
  /** Form ids grouped by distinct string; group g owns sorted[groupStart[g], groupStart[g + 1]). */
  private readonly sorted: Int32Array;
  private readonly groupStart: Int32Array;
  private readonly groupHash: Uint32Array;
  /** Slot s: prefix hash at 2s (0 = empty), first group whose string hashes to it at 2s + 1 (-1 for a proper prefix only). */
  private readonly slots: Int32Array;
  /** Two-character prefix filter (gazetteer-build.ts). */
  private readonly pairBits: Int32Array;
  private readonly mask: number;

  constructor(tree: DivisionTree) {
    const u = readUnits(tree);
    this.codes = u.codes; this.parent = u.parent; this.subtreeEnd = u.subtreeEnd; this.levelMask = u.levelMask;
    this.names = u.names; this.aliases = u.aliases; this.tails = u.tails;
    this.formNode = u.formNode; this.formKind = u.formKind; this.formKeep = u.formKeep; this.formTail = u.formTail;
    const ix = indexForms(u.formStr);
    this.sorted = ix.sorted; this.groupStart = ix.groupStart; this.groupHash = ix.groupHash;
    this.slots = ix.slots; this.pairBits = ix.pairBits; this.mask = (ix.slots.length >> 1) - 1;
  }

  /** Units this gazetteer knows; node ids are stable indices in code order. */
  get size(): number {
    return this.codes.length;
  }

  private formMatches(f: number, text: string, at: number, len: number): boolean {
    const node = this.formNode[f]!, kind = this.formKind[f] as FormKind;
    if (kind === ALIAS) {
      const alias = this.aliases.get(node)!;
      return text.startsWith(alias, at) && alias.length === len;
    }
    const name = this.names[node]!;
    const keep = kind === NAME ? name.length : this.formKeep[f]!;
    const tail = kind === NAME ? '' : this.tails[this.formTail[f]!]!;
    if (keep + tail.length !== len) return false;
    for (let k = 0; k < keep; k++) if (text.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
    return tail.length === 0 || text.startsWith(tail, at + keep);
  }

  /** Every gazetteer string starting at `at`, shortest first (no allocation but the hits). */
  hitsAt(text: string, at: number, out: PlaceHit[]): void {
    if (at + 1 >= text.length) return;
    let h = Math.imul(BASIS ^ text.charCodeAt(at), PRIME) >>> 0;
    // Most positions start no name: the cache-resident pair filter says so without touching the slot table.
    const p = Math.imul(h ^ text.charCodeAt(at + 1), PRIME) >>> PAIR_SHIFT;
    if ((this.pairBits[p >>> 5]! & (1 << (p & 31))) === 0) return;
    const limit = Math.min(text.length, at + 64);
    const slots = this.slots, mask = this.mask, groupHash = this.groupHash, groupStart = this.groupStart, sorted = this.sorted;
    const groups = groupHash.length;
    for (let j = at + 1; j < limit; j++) {
      h = Math.imul(h ^ text.charCodeAt(j), PRIME) >>> 0;
      const key = (h || 1) | 0;
      let slot = key & mask, k: number;
      while ((k = slots[slot << 1]!) !== key && k !== 0) slot = (slot + 1) & mask;
      if (k === 0) return;
      const len = j - at + 1;
      for (let g = slots[(slot << 1) + 1]!; g >= 0 && g < groups && groupHash[g] === h; g++) {
        const from = groupStart[g]!;
        if (this.formMatches(sorted[from]!, text, at, len)) out.push({ end: j + 1, from, to: groupStart[g + 1]! });
      }
    }
  }

  /** The kind of the k-th entry of the sorted form list (PlaceHit.from ≤ k < to). */
  kindAt(k: number): FormKind {
    return this.formKind[this.sorted[k]!] as FormKind;
  }

  /** The unit of the k-th entry of the sorted form list (PlaceHit.from ≤ k < to). */
  nodeAt(k: number): number {
    return this.formNode[this.sorted[k]!]!;
  }

  /** Whether a is b or one of b's ancestors. */
  contains(a: number, b: number): boolean {
    return a <= b && b < this.subtreeEnd[a]!;
  }

  /** Primary (shallowest) level, 1 (province) … 5 (village). */
  levelOf(node: number): number {
    return 31 - Math.clz32(this.levelMask[node]! & -this.levelMask[node]!);
  }

  /** Deepest level the unit occupies (东莞市 counts as a county). */
  deepestLevel(node: number): number {
    return 31 - Math.clz32(this.levelMask[node]!);
  }

  /** The county-level unit containing or being this one, or -1 above county level. */
  countyOf(node: number): number {
    for (let i = node; i >= 0; i = this.parent[i]!) if (this.levelMask[i]! & (1 << 3)) return i;
    return -1;
  }

  code6(node: number): string {
    return String(this.codes[node]).slice(0, 6);
  }
}

let shared: Gazetteer | undefined;
/** Built on first use from the shipped tree and shared by every engine in the process. */
export function getGazetteer(): Gazetteer {
  return (shared ??= new Gazetteer(getDivisions()));
}
