/**
 * The package's fingerprints, sorted by their 64 bits, with per entry the child it belongs to,
 * its kind and how much it narrows (expected others, selectivity). HMAC output is uniform, so a counting sort on the top bits puts about
 * four entries in each bucket; the bucket offsets are rebuilt at load (not stored) and a lookup
 * reads one bucket. Equal fingerprints (the same combination for two children — two 王芳 in two
 * villages called 新村) sit next to each other and are all returned.
 */

export interface FingerprintColumns {
  hi: Uint32Array;
  lo: Uint32Array;
  child: Uint32Array;
  kind: Uint8Array;
  /** log₂-coded expected others and selectivity (strength.ts). */
  expected: Uint8Array;
  selectivity: Uint8Array;
}

export function bucketBitsFor(n: number): number {
  return Math.max(1, Math.min(26, Math.floor(Math.log2(Math.max(n, 1))) - 2));
}

function offsetsOf(hi: Uint32Array, bits: number): Uint32Array {
  const offsets = new Uint32Array((1 << bits) + 1);
  const shift = 32 - bits;
  for (let i = 0; i < hi.length; i++) {
    const b = (hi[i]! >>> shift) + 1;
    offsets[b] = offsets[b]! + 1;
  }
  for (let b = 1; b < offsets.length; b++) offsets[b] = offsets[b]! + offsets[b - 1]!;
  return offsets;
}

function less(hi: Uint32Array, lo: Uint32Array, a: number, b: number): boolean {
  return hi[a]! < hi[b]! || (hi[a] === hi[b] && lo[a]! < lo[b]!);
}

/** Counting sort by bucket, then insertion sort inside each (small) bucket; returns new columns. */
export function sortColumns(c: FingerprintColumns): FingerprintColumns {
  const n = c.hi.length, bits = bucketBitsFor(n), shift = 32 - bits;
  const offsets = offsetsOf(c.hi, bits);
  const fill = offsets.slice(0, -1);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const b = c.hi[i]! >>> shift;
    order[fill[b]!] = i;
    fill[b] = fill[b]! + 1;
  }
  for (let b = 0; b < offsets.length - 1; b++) {
    for (let i = offsets[b]! + 1; i < offsets[b + 1]!; i++) {
      const x = order[i]!;
      let j = i - 1;
      for (; j >= offsets[b]! && less(c.hi, c.lo, x, order[j]!); j--) order[j + 1] = order[j]!;
      order[j + 1] = x;
    }
  }
  const out: FingerprintColumns = { hi: new Uint32Array(n), lo: new Uint32Array(n), child: new Uint32Array(n), kind: new Uint8Array(n), expected: new Uint8Array(n), selectivity: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const k = order[i]!;
    out.hi[i] = c.hi[k]!;
    out.lo[i] = c.lo[k]!;
    out.child[i] = c.child[k]!;
    out.kind[i] = c.kind[k]!;
    out.expected[i] = c.expected[k]!;
    out.selectivity[i] = c.selectivity[k]!;
  }
  return out;
}

export class FingerprintTable {
  private readonly offsets: Uint32Array;
  private readonly shift: number;

  constructor(readonly columns: FingerprintColumns) {
    const bits = bucketBitsFor(columns.hi.length);
    this.shift = 32 - bits;
    this.offsets = offsetsOf(columns.hi, bits);
  }

  /** Indexes of the entries with this fingerprint (usually none, sometimes several). */
  find(hi: number, lo: number): number[] {
    const out: number[] = [];
    const b = hi >>> this.shift, { hi: H, lo: L } = this.columns;
    for (let i = this.offsets[b]!, end = this.offsets[b + 1]!; i < end; i++) if (H[i] === hi && L[i] === lo) out.push(i);
    return out;
  }

  /** Whether the columns are sorted (a package that is not is refused). */
  isSorted(): boolean {
    const { hi, lo } = this.columns;
    for (let i = 1; i < hi.length; i++) if (less(hi, lo, i, i - 1)) return false;
    return true;
  }
}
