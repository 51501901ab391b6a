/**
 * The combination pre-filter, keyed by the short name tag: for every set tag of the name set,
 * the 16-bit pair prints of the registered combinations whose (first) name has that tag. A name
 * candidate in a post costs one look-up (rank of its tag → its short list), and each partner
 * near it — a place, a school, another name — costs a hash and a compare inside that cached list;
 * only a match (registered, or about 1 in 10,000 by chance) goes on to HMAC-SM3.
 *
 * Keyed by the colliding tag, not by the name: a list belongs to every name sharing the tag, so
 * it still says nothing about one name alone; what it can test is a full combination, which the
 * fingerprints can test anyway.
 *
 * Layout: the name bit set (2^k bits), per 32-bit word the count of set bits before it (rank,
 * rebuilt at load), offsets[rank] … offsets[rank + 1] into a Uint16Array of prints.
 */

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function ranksOf(bits: Uint32Array): Uint32Array {
  const ranks = new Uint32Array(bits.length + 1);
  for (let w = 0; w < bits.length; w++) ranks[w + 1] = ranks[w]! + popcount(bits[w]!);
  return ranks;
}

/** The 16-bit print of a pair, never 0 (0 marks nothing). */
export function pairPrint(p1: number): number {
  return (p1 & 0xffff) || 1;
}

/** Index of a set tag among the set tags (callers test the bit first). */
export function rankOf(bits: Uint32Array, ranks: Uint32Array, tag: number): number {
  const w = tag >>> 5, b = tag & 31;
  return ranks[w]! + (b === 0 ? 0 : popcount(bits[w]! & (0xffffffff >>> (32 - b))));
}

export class PairIndex {
  private readonly ranks: Uint32Array;

  constructor(readonly bits: Uint32Array, readonly offsets: Uint32Array, readonly prints: Uint16Array) {
    this.ranks = ranksOf(bits);
    if (offsets.length !== this.ranks[bits.length]! + 1) throw new RangeError('组合索引的偏移表长度与名字位图不符');
    if (offsets[offsets.length - 1] !== prints.length) throw new RangeError('组合索引的偏移表与组合表长度不符');
    for (let r = 0; r + 1 < offsets.length; r++) if (offsets[r]! > offsets[r + 1]!) throw new RangeError('组合索引的偏移表无效');
  }

  rank(tag: number): number {
    return rankOf(this.bits, this.ranks, tag);
  }

  /** Whether the list [from, to) holds `print`. */
  has(from: number, to: number, print: number): boolean {
    const p = this.prints;
    for (let i = from; i < to; i++) if (p[i] === print) return true;
    return false;
  }
}

/**
 * Builds offsets and prints from (tag, print) pairs; every tag must be set in `bits`. Lists are
 * sorted so the same registry always gives the same bytes.
 */
export function buildPairIndex(bits: Uint32Array, tags: Uint32Array, prints: Uint16Array): { offsets: Uint32Array; prints: Uint16Array } {
  const ranks = ranksOf(bits);
  const setCount = ranks[bits.length]!;
  const counts = new Uint32Array(setCount + 1);
  const rankAt = new Uint32Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (!((bits[t >>> 5]! >>> (t & 31)) & 1)) throw new RangeError('组合的名字标签不在名字位图中');
    const r = rankOf(bits, ranks, t);
    rankAt[i] = r;
    counts[r + 1] = counts[r + 1]! + 1;
  }
  const starts = new Uint32Array(setCount + 1);
  for (let r = 0; r < setCount; r++) starts[r + 1] = starts[r]! + counts[r + 1]!;
  const fill = starts.slice(0, setCount);
  const grouped = new Uint16Array(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const r = rankAt[i]!;
    grouped[fill[r]!] = prints[i]!;
    fill[r] = fill[r]! + 1;
  }
  // Sorted and without repeats (one combination shared by several children is one print).
  const offsets = new Uint32Array(setCount + 1);
  const out = new Uint16Array(tags.length);
  let n = 0;
  for (let r = 0; r < setCount; r++) {
    const list = grouped.subarray(starts[r]!, starts[r + 1]!).sort();
    for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) out[n++] = list[i]!;
    offsets[r + 1] = n;
  }
  return { offsets, prints: out.slice(0, n) };
}
