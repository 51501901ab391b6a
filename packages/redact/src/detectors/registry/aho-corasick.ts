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

export class AhoCorasick<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending exactly at a node (length, value). */
  private readonly out: { len: number; value: T }[][] = [[]];
  /** Nearest node on the fail chain that ends a pattern, so matches are enumerated without walking dead links. */
  private readonly dict: number[] = [-1];
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
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (s !== 0 && !this.next[s]!.has(c)) s = this.fail[s]!;
      s = this.next[s]!.get(c) ?? 0;
      for (let o = this.out[s]!.length ? s : this.dict[s]!; o > 0; o = this.dict[o]!) {
        for (const { len, value } of this.out[o]!) found.push({ start: i + 1 - len, end: i + 1, value });
      }
    }
    return found;
  }
}
