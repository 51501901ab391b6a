import { readFileSync } from 'node:fs';
import { MAX_NAME, CLS_ALNUM, CLS_COMPOUND, CLS_GIVEN, CLS_PUNCT, CLS_SPACE, CLS_SURNAME, CLS_TRANSLIT } from '../../src/detectors/person/features.ts';
import { DATA } from './corpora.ts';

/** Only the lexicons marked *ship* in /work/shared/data/README.md. */
export interface Lexicons {
  surnames: Array<{ s: string; f: number }>;
  compound: string[];
  modern: string[]; // real modern Chinese names (HanLP nr, THUOCL)
  ancient: string[];
  translit: string[];
  givenChars: Map<string, number>;
  cedictPer: string[];
}

const han = /^[\u4e00-\u9fff]+$/;

export function loadLexicons(): Lexicons {
  const L = `${DATA}/lexicon`;
  const surnames = readFileSync(`${L}/surnames.tsv`, 'utf8').split('\n').slice(1)
    .map((l) => l.split('\t')).filter((p) => p[0] && han.test(p[0])).map((p) => ({ s: p[0]!, f: Number(p[1]) || 1 }));
  const js = readFileSync(`${L}/chs_names.js`, 'utf8');
  const arr = (name: string) => {
    const m = new RegExp(`var ${name} = \\[([^\\]]*)\\]`).exec(js);
    return m ? [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!) : [];
  };
  const compound = [...new Set([...arr('FAMILY_NAME_2'), ...surnames.filter((x) => x.s.length === 2).map((x) => x.s)])];
  const surSet = new Set(surnames.map((x) => x.s));
  const modern: string[] = [], translit: string[] = [];
  for (const l of readFileSync(`${L}/hanlp/人名词典.txt`, 'utf8').split('\n')) {
    const [w, tag] = l.split(' ');
    if (!w) continue;
    if ((tag === 'nr' || tag === 'nrj') && han.test(w) && w.length >= 2 && w.length <= 4) modern.push(w);
    else if (tag === 'nrf' && w.length >= 2) translit.push(w);
  }
  for (const l of readFileSync(`${L}/hanlp/nrf.txt`, 'utf8').split('\n')) if (l.trim().length >= 2) translit.push(l.trim());
  for (const l of readFileSync(`${L}/thuocl/THUOCL_lishimingren.txt`, 'utf8').split('\n')) {
    const w = l.split('\t')[0]?.trim();
    if (w && han.test(w) && w.length >= 2 && w.length <= 4 && surSet.has(w[0]!)) modern.push(w);
  }
  const ancient = readFileSync(`${L}/ancient_names.txt`, 'utf8').split('\n').map((l) => l.trim())
    .filter((w) => han.test(w) && w.length >= 2 && w.length <= 4);
  const givenChars = new Map<string, number>();
  const bump = (c: string, k = 1) => givenChars.set(c, (givenChars.get(c) ?? 0) + k);
  for (const w of modern) {
    const g = surSet.has(w.slice(0, 2)) && w.length > 2 ? w.slice(2) : surSet.has(w[0]!) ? w.slice(1) : '';
    for (const c of g) bump(c);
  }
  for (const c of [...arr('DOUBLE_NAME_1'), ...arr('DOUBLE_NAME_2'), ...arr('SINGLE_NAME')]) bump(c, 20);
  const cedictPer = readFileSync(`${L}/cedict/cedict_propernouns.tsv`, 'utf8').split('\n').map((l) => l.split('\t'))
    .filter((p) => p[3] === 'PER' && han.test(p[0] ?? '') && p[0]!.length >= 2 && p[0]!.length <= 5).map((p) => p[0]!);
  return { surnames, compound, modern: [...new Set(modern)], ancient, translit: [...new Set(translit)], givenChars, cedictPer };
}

function ranked(counts: Map<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((x) => x[0]);
}

/** Char → class byte (see features.ts); returned as strings per class value for the model file. */
export function charClasses(lex: Lexicons): Uint8Array {
  const cls = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    if (/\s/.test(ch)) cls[c] = CLS_SPACE;
    else if (/[0-9a-zA-Z０-９Ａ-Ｚａ-ｚ]/.test(ch)) cls[c] = CLS_ALNUM;
    else if (/[\p{P}\p{S}]/u.test(ch)) cls[c] = CLS_PUNCT;
  }
  const singles = lex.surnames.filter((x) => x.s.length === 1).sort((a, b) => b.f - a.f);
  singles.forEach((x, r) => { cls[x.s.charCodeAt(0)]! |= (r < 60 ? 3 : r < 200 ? 2 : 1) << CLS_SURNAME; });
  for (const s of lex.compound) cls[s.charCodeAt(0)]! |= 1 << CLS_COMPOUND;
  const given = ranked(lex.givenChars);
  given.forEach((ch, r) => {
    const b = r < 300 ? 3 : r < 1200 ? 2 : (lex.givenChars.get(ch) ?? 0) >= 2 ? 1 : 0;
    cls[ch.charCodeAt(0)]! |= b << CLS_GIVEN;
  });
  const tl = new Map<string, number>();
  for (const w of lex.translit) for (const c of w) if (c !== '·') tl.set(c, (tl.get(c) ?? 0) + 1);
  ranked(tl).forEach((ch, r) => {
    const b = r < 150 ? 3 : r < 400 ? 2 : (tl.get(ch) ?? 0) >= 3 ? 1 : 0;
    cls[ch.charCodeAt(0)]! |= b << CLS_TRANSLIT;
  });
  return cls;
}

/** Names for the lexicon-hit feature: modern and transliterated names (parts split at ·), CEDICT persons. */
export function bloomNames(lex: Lexicons): string[] {
  const out = new Set<string>();
  const add = (w: string) => { if (w.length >= 2 && w.length <= MAX_NAME && han.test(w)) out.add(w); };
  for (const w of lex.modern) add(w);
  for (const w of lex.cedictPer) add(w);
  for (const w of lex.translit) for (const part of w.split(/[·・•\-]/)) add(part);
  return [...out].sort();
}
