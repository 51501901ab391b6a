/**
 * Millions of 32-bit hashes without a JS Set per value: a growable typed array, sorted natively,
 * then counted by run (the assembler's distinct-tag and name-frequency counts for 10⁶ children).
 */
export class U32List {
  private data = new Uint32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  toArray(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

export function distinctCount(values: Uint32Array): number {
  const s = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) n++;
  return n;
}

export interface SortedCounts {
  readonly values: Uint32Array;
  readonly counts: Uint32Array;
}

export function sortedCounts(values: Uint32Array): SortedCounts {
  const s = Uint32Array.from(values).sort();
  const outV = new Uint32Array(s.length), outC = new Uint32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && s[i] === s[i - 1]) outC[n - 1] = outC[n - 1]! + 1;
    else {
      outV[n] = s[i]!;
      outC[n++] = 1;
    }
  }
  return { values: outV.slice(0, n), counts: outC.slice(0, n) };
}

export function countOf(sc: SortedCounts, v: number): number {
  let lo = 0, hi = sc.values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1, x = sc.values[mid]!;
    if (x === v) return sc.counts[mid]!;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
