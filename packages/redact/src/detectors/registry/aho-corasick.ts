/**
 * Aho–Corasick over UTF-16 code units: every occurrence of every pattern in one pass, O(text +
 * patterns + matches), whatever the patterns look like — the registry may hold thousands of
 * names and no regex alternation stays linear at that size.
 */
export interface AcMatch<T> {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly value: T;
}

/** Characters a matcher scans before its root gets a dense transition table. */
const DENSE_ROOT_AFTER = 1 << 18;

export class AhoCorasick<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending exactly at a node (length, value). */
  private readonly out: { len: number; value: T }[][] = [[]];
  /** Nearest node on the fail chain that ends a pattern, so matches are enumerated without walking dead links. */
  private readonly dict: number[] = [-1];
  /**
   * The root's transitions as a dense table over all code units (0 = stay at the root): most
   * characters of a text start no term, and an array load beats a Map lookup. 256 KB, so built only
   * once a matcher has scanned DENSE_ROOT_AFTER characters (a long-lived registry matcher), not for
   * the throwaway matchers built per document (redact.ts recurrences).
   */
  private rootNext: Int32Array | undefined;
  private scanned = 0;
  /** First node whose patterns end at a node: itself when it ends one, else dict (-1/0: none). */
  private readonly firstOut: number[] = [];
  readonly size: number;

  constructor(patterns: Iterable<readonly [string, T]>) {
    let n = 0;
    for (const [p, value] of patterns) {
      if (!p) continue;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = this.next[s]!.get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.dict.push(-1);
          this.next[s]!.set(c, t);
        }
        s = t;
      }
      const o = this.out[s]!;
      if (!o.some((x) => x.value === value)) o.push({ len: p.length, value });
      n++;
    }
    this.size = n;
    this.link();
    for (let t = 0; t < this.next.length; t++) this.firstOut.push(this.out[t]!.length ? t : this.dict[t]!);
  }

  private link(): void {
    const queue: number[] = [];
    for (const t of this.next[0]!.values()) queue.push(t);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, t] of this.next[s]!) {
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const g = this.next[f]!.get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        const ft = this.fail[t]!;
        this.dict[t] = this.out[ft]!.length ? ft : this.dict[ft]!;
        queue.push(t);
      }
    }
  }

  /** Every occurrence, overlapping ones included, ordered by end offset. */
  findAll(text: string): AcMatch<T>[] {
    const found: AcMatch<T>[] = [];
    if (this.rootNext === undefined && (this.scanned += text.length) >= DENSE_ROOT_AFTER) {
      this.rootNext = new Int32Array(0x10000);
      for (const [c, t] of this.next[0]!) this.rootNext[c] = t;
    }
    const next = this.next, fail = this.fail, out = this.out, dict = this.dict, rootNext = this.rootNext, firstOut = this.firstOut;
    const root = next[0]!;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Follow fail links to the longest suffix with an edge on c (the root's edges: the dense table once built).
      for (;;) {
        if (s === 0) { s = rootNext !== undefined ? rootNext[c]! : root.get(c) ?? 0; break; }
        const t = next[s]!.get(c);
        if (t !== undefined) { s = t; break; }
        s = fail[s]!;
      }
      for (let o = firstOut[s]!; o > 0; o = dict[o]!) {
        for (const { len, value } of out[o]!) found.push({ start: i + 1 - len, end: i + 1, value });
      }
    }
    return found;
  }
}
