import { createRequire } from 'node:module';
import { MAX_WORD, UNKNOWN_COST, WORD_NAME, WORD_ORG, WORD_PLACE, WORD_PLAIN } from '../../src/detectors/person/features.ts';

const require = createRequire(import.meta.url);

/** One jieba dictionary entry (`word freq tag`). */
export interface DictWord { w: string; f: number; tag: string }

/** The jieba dictionary shipped in npm `@node-rs/jieba` (MIT), parsed. */
export function jiebaDict(): DictWord[] {
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const out: DictWord[] = [];
  for (const l of Buffer.from(dict).toString('utf8').split('\n')) {
    const [w, f, tag] = l.trim().split(' ');
    if (w && f) out.push({ w, f: Number(f) || 0, tag: tag ?? '' });
  }
  return out;
}

export const NAME_TAGS = new Set(['nr', 'nrfg', 'nrt']);
const han = /^[\u4e00-\u9fff]+$/;

/**
 * The word table shipped beside the model: all-Han words of 2…MAX_WORD chars with frequency
 * ≥ minFreq, split into ordinary words and words jieba tags as person names.
 */
export function deriveWords(minFreq: number): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  const all = jiebaDict();
  const total = all.reduce((a, d) => a + d.f, 0);
  for (const d of all) {
    if (!han.test(d.w) || d.f < 1 || d.w.length > MAX_WORD || (d.w.length > 1 && d.f < minFreq)) continue;
    const cost = Math.min(UNKNOWN_COST - 1, Math.round(4 * Math.log(total / d.f)));
    if (d.w.length === 1) { out.push([d.w, 0, cost]); continue; }
    out.push([d.w, NAME_TAGS.has(d.tag) ? WORD_NAME : d.tag === 'ns' ? WORD_PLACE | WORD_PLAIN : d.tag === 'nt' || d.tag === 'nz' ? WORD_ORG | WORD_PLAIN : WORD_PLAIN, cost]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Ordinary dictionary words that look like a name's start (a surname char, 小 / 阿 / 老, or a
 * transliteration char first): decoys for the name slots of the templates, weighted by frequency.
 */
export function dictDecoys(minFreq: number, firstChar: (c: string) => boolean): string[] {
  const out: string[] = [];
  for (const d of jiebaDict()) {
    if (d.f < minFreq || d.w.length < 2 || d.w.length > 4 || !han.test(d.w) || NAME_TAGS.has(d.tag) || !firstChar(d.w[0]!)) continue;
    const copies = Math.min(5, Math.max(1, Math.floor(Math.log10(d.f))));
    for (let k = 0; k < copies; k++) out.push(d.w);
  }
  return out;
}
