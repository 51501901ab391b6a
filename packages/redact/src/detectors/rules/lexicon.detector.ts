import { readFileSync } from 'node:fs';
import type { Detector, EntityType, Finding } from '../../types.ts';
import { LexiconTrie } from './lexicon-trie.ts';

interface Entry {
  /** '-' marks a blocker: a longer ordinary word that contains a listed one ("最低保障" ⊃ 低保). */
  readonly category: string;
  readonly neutral?: string;
}

function dataFile(name: string): string {
  return readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8');
}

/** Tab-separated rows, "#" comments: word, category[, neutral]. */
function load(name: string): LexiconTrie<Entry> {
  const trie = new LexiconTrie<Entry>();
  for (const line of dataFile(name).split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [word, category, neutral] = line.split('\t').map((s) => s.trim());
    if (!word || !category) continue;
    trie.add(word, neutral === undefined ? { category } : { category, neutral });
  }
  return trie;
}

function lexiconDetector(source: string, type: EntityType, file: string, score: number): Detector {
  const trie = load(file);
  return {
    name: source,
    types: [type],
    detect(text) {
      const out: Finding[] = [];
      for (const hit of trie.matches(text)) {
        const { category, neutral } = hit.value;
        if (category === '-') continue;
        const meta: Record<string, string> = neutral === undefined ? { category } : { category, neutral };
        out.push({ type, start: hit.start, end: hit.end, text: text.slice(hit.start, hit.end), score, source, meta });
      }
      return out;
    },
  };
}

/** 第十五条: words that label a child by status (孤儿, 留守儿童, 低保户 …), each with a neutral replacement. */
export function labelDetector(): Detector {
  return lexiconDetector('label_lexicon', 'LABEL', 'label-lexicon.tsv', 0.7);
}

/** 第十五条: fundraising, live-streaming and selling cues (募捐, 直播, 带货 …) near a child's story. */
export function exploitCueDetector(): Detector {
  return lexiconDetector('exploit_lexicon', 'EXPLOIT_CUE', 'exploit-lexicon.tsv', 0.6);
}
