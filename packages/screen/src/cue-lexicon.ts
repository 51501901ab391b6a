import { normaliseTerm } from './normalise.ts';

/**
 * 第十五条 cues carried in the package: labelling words (孤儿, 留守儿童 …) and exploitation cues
 * (募捐, 直播带货 …), the same lists the redaction engine uses. They are public words, not registry
 * values. A hit reports which kinds occur in the post ("flags") so the platform can put labelled or
 * exploited disclosures first. "block" entries are ordinary longer words containing a listed one
 * (最低保障 ⊃ 低保): the longest match wins and a blocker reports nothing.
 */
export type CueFlag = 'label' | 'exploit';
export interface CueEntry {
  readonly word: string;
  readonly flag: CueFlag | 'block';
}

interface Node {
  next: Map<number, Node>;
  flag?: CueFlag | 'block';
}

export function encodeCues(entries: readonly CueEntry[]): Buffer {
  return Buffer.from(entries.map((e) => `${e.word}\t${e.flag}\n`).join(''), 'utf8');
}

export class CueLexicon {
  private readonly root: Node = { next: new Map() };

  constructor(entries: readonly CueEntry[]) {
    for (const e of entries) {
      const word = normaliseTerm(e.word);
      if (!word) continue;
      let n = this.root;
      for (const ch of word) {
        const c = ch.codePointAt(0)!;
        let m = n.next.get(c);
        if (!m) n.next.set(c, (m = { next: new Map() }));
        n = m;
      }
      n.flag = e.flag;
    }
  }

  static decode(bytes: Uint8Array): CueLexicon {
    const entries: CueEntry[] = [];
    for (const line of Buffer.from(bytes).toString('utf8').split('\n')) {
      const [word, flag] = line.split('\t');
      if (word && (flag === 'label' || flag === 'exploit' || flag === 'block')) entries.push({ word, flag });
    }
    return new CueLexicon(entries);
  }

  /** Flags present in normalised code points [0, length). */
  flags(codes: Int32Array, length: number): CueFlag[] {
    const found = new Set<CueFlag>();
    for (let i = 0; i < length; ) {
      let n: Node | undefined = this.root, best: Node['flag'], bestEnd = i;
      for (let j = i; j < length && (n = n.next.get(codes[j]!)); j++) {
        if (n.flag) {
          best = n.flag;
          bestEnd = j + 1;
        }
      }
      if (best === 'block') i = bestEnd;
      else {
        if (best) found.add(best);
        i++;
      }
    }
    return (['label', 'exploit'] as const).filter((f) => found.has(f));
  }
}
