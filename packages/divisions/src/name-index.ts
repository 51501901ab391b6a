/**
 * Exact-name lookup without a 1.2M-entry Map: a Map keyed by every name, short name and alias
 * cost ~55 MB of heap and pushed RSS past the 200 MB budget. Instead each (key, node) pair is
 * packed into one double, hash * 2^20 + node, and the packed values are sorted; a lookup
 * binary-searches the hash and confirms each candidate against the real strings, so hash
 * collisions cost a comparison, never a wrong answer. ~10 MB for the whole tree.
 */

const NODE_BITS = 2 ** 20;

/** 32-bit FNV-1a over UTF-16 code units: cheap, and good enough since hits are verified. */
export function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class NameIndex {
  private constructor(private readonly packed: Float64Array) {}

  /** keysOf(i) lists the strings node i answers to; nodes must number fewer than 2^20. */
  static build(size: number, keysOf: (i: number) => readonly (string | undefined)[]): NameIndex {
    if (size >= NODE_BITS) throw new Error('区划数量超出名称索引容量');
    let packed = new Float64Array(size * 2);
    let n = 0;
    for (let i = 0; i < size; i++) {
      for (const key of keysOf(i)) {
        if (!key) continue;
        if (n === packed.length) {
          const grown = new Float64Array(packed.length * 2);
          grown.set(packed);
          packed = grown;
        }
        packed[n++] = hashName(key) * NODE_BITS + i;
      }
    }
    return new NameIndex(packed.slice(0, n).sort());
  }

  /** Candidate nodes in ascending order (deduplicated); the caller confirms each one. */
  candidates(key: string): number[] {
    const h = hashName(key);
    const lowest = h * NODE_BITS;
    let lo = 0, hi = this.packed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.packed[mid]! < lowest) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < this.packed.length; k++) {
      const v = this.packed[k]!;
      if (Math.floor(v / NODE_BITS) !== h) break;
      const node = v - lowest;
      if (out[out.length - 1] !== node) out.push(node);
    }
    return out;
  }
}
