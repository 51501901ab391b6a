import { gunzipSync, gzipSync } from 'node:zlib';
import { newWordTable, WORD_NAME, WORD_ORG, WORD_PLACE, WORD_PLAIN, wordAdd, type WordTable } from './features.ts';

/**
 * The shipped word table: gzip of UTF-8 lines, `#` comments first, then `word<TAB>cost` per line
 * (cost = round(4·ln(total / frequency)), single chars included); a word jieba tags as a person name ends in `\t人`, a place (ns) in `\t地`, an organisation or other
 * proper noun (nt / nz) in `\t机`. Derived from the jieba dictionary (MIT) by
 * scripts/person/words.ts; built into a hash table at load time (a few ms).
 */
export function writeWords(words: ReadonlyArray<readonly [string, number, number]>, comment: string): Buffer {
  const mark = (v: number) => (v & WORD_NAME ? '人' : v & WORD_PLACE ? '地' : v & WORD_ORG ? '机' : '');
  const lines = [...comment.split('\n').map((l) => `# ${l}`), ...words.map(([w, v, c]) => `${w}\t${c}${mark(v)}`)];
  return gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
}

export function readWords(gz: Uint8Array): WordTable {
  const lines = gunzipSync(gz).toString('utf8').split('\n');
  let multi = 0;
  for (const l of lines) if (l && !l.startsWith('#') && l.indexOf('\t') > 1) multi++;
  const t = newWordTable(multi);
  for (const l of lines) {
    if (!l || l.startsWith('#')) continue;
    const tab = l.indexOf('\t');
    const m = l[l.length - 1]!;
    const v = m === '人' ? WORD_NAME : m === '地' ? WORD_PLACE | WORD_PLAIN : m === '机' ? WORD_ORG | WORD_PLAIN : WORD_PLAIN;
    wordAdd(t, l.slice(0, tab), v, parseInt(l.slice(tab + 1), 10));
  }
  return t;
}

/** The word table that goes with a model file: same folder, `.words.txt.gz` instead of `.bin.gz`. */
export const wordsPathFor = (modelPath: string) => modelPath.replace(/\.bin\.gz$/, '') + '.words.txt.gz';
