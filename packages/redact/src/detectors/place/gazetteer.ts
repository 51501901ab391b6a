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
import { FNV_BASIS, FNV_PRIME, FormKind, indexForms, readUnits } from './gazetteer-build.ts';

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
  private readonly slotKey: Uint32Array;
  /** First group whose string hashes to the slot's key, or -1 for a proper prefix only. */
  private readonly slotGroup: Int32Array;
  private readonly mask: number;

  constructor(tree: DivisionTree) {
    const u = readUnits(tree);
    this.codes = u.codes; this.parent = u.parent; this.subtreeEnd = u.subtreeEnd; this.levelMask = u.levelMask;
    this.names = u.names; this.aliases = u.aliases; this.tails = u.tails;
    this.formNode = u.formNode; this.formKind = u.formKind; this.formKeep = u.formKeep; this.formTail = u.formTail;
    const ix = indexForms(u.formStr);
    this.sorted = ix.sorted; this.groupStart = ix.groupStart; this.groupHash = ix.groupHash;
    this.slotKey = ix.slotKey; this.slotGroup = ix.slotGroup; this.mask = ix.slotKey.length - 1;
  }

  /** Units this gazetteer knows; node ids are stable indices in code order. */
  get size(): number {
    return this.codes.length;
  }

  private formMatches(f: number, text: string, at: number, len: number): boolean {
    const node = this.formNode[f]!, kind = this.formKind[f] as FormKind;
    if (kind === FormKind.Alias) return text.startsWith(this.aliases.get(node)!, at) && this.aliases.get(node)!.length === len;
    const name = this.names[node]!;
    const keep = kind === FormKind.Name ? name.length : this.formKeep[f]!;
    const tail = kind === FormKind.Name ? '' : this.tails[this.formTail[f]!]!;
    if (keep + tail.length !== len) return false;
    for (let k = 0; k < keep; k++) if (text.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
    return tail.length === 0 || text.startsWith(tail, at + keep);
  }

  /** Every gazetteer string starting at `at`, shortest first (no allocation but the hits). */
  hitsAt(text: string, at: number, out: PlaceHit[]): void {
    if (at + 1 >= text.length) return;
    let h = Math.imul(FNV_BASIS ^ text.charCodeAt(at), FNV_PRIME) >>> 0;
    const limit = Math.min(text.length, at + 64);
    for (let j = at + 1; j < limit; j++) {
      h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME) >>> 0;
      const key = h || 1;
      let slot = key & this.mask, k: number;
      while ((k = this.slotKey[slot]!) !== key && k !== 0) slot = (slot + 1) & this.mask;
      if (k === 0) return;
      const len = j - at + 1;
      for (let g = this.slotGroup[slot]!; g >= 0 && g < this.groupHash.length && this.groupHash[g] === h; g++) {
        const from = this.groupStart[g]!;
        if (this.formMatches(this.sorted[from]!, text, at, len)) out.push({ end: j + 1, from, to: this.groupStart[g + 1]! });
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
