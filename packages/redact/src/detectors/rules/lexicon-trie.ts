/**
 * A character trie with leftmost-longest matching: at each position the longest entry wins and
 * matching resumes after it. Cost is O(text × longest entry), linear for a fixed lexicon.
 * ASCII letters are folded to lower case ("HIV" = "hiv"), and an entry that begins or ends with
 * a Latin letter must not continue a Latin word ("HIVE" is not "HIV").
 */
export interface TrieHit<T> {
  readonly start: number;
  readonly end: number;
  readonly value: T;
}

interface Node<T> {
  readonly next: Map<number, Node<T>>;
  value?: T;
}

function fold(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

function isLatin(c: number): boolean {
  const f = fold(c);
  return f >= 0x61 && f <= 0x7a;
}

export class LexiconTrie<T> {
  private readonly root: Node<T> = { next: new Map() };
  /** Non-zero for each (folded) code unit an entry starts with: most positions start none, and a byte lookup says so. */
  private readonly first = new Uint8Array(0x10000);

  add(word: string, value: T): void {
    if (word.length) this.first[fold(word.charCodeAt(0))] = 1;
    let node = this.root;
    for (let i = 0; i < word.length; i++) {
      const c = fold(word.charCodeAt(i));
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map() }));
      node = child;
    }
    node.value = value;
  }

  *matches(text: string): Generator<TrieHit<T>> {
    const n = text.length;
    const first = this.first;
    let i = 0;
    while (i < n) {
      if (first[fold(text.charCodeAt(i))] === 0) { i++; continue; }
      let node: Node<T> | undefined = this.root;
      let bestEnd = -1;
      let best: T | undefined;
      for (let j = i; j < n; j++) {
        node = node.next.get(fold(text.charCodeAt(j)));
        if (!node) break;
        if (node.value !== undefined && this.bounded(text, i, j + 1)) { bestEnd = j + 1; best = node.value; }
      }
      if (bestEnd < 0) { i++; continue; }
      yield { start: i, end: bestEnd, value: best! };
      i = bestEnd;
    }
  }

  private bounded(text: string, start: number, end: number): boolean {
    if (isLatin(text.charCodeAt(start)) && start > 0 && isLatin(text.charCodeAt(start - 1))) return false;
    return !(isLatin(text.charCodeAt(end - 1)) && end < text.length && isLatin(text.charCodeAt(end)));
  }
}
