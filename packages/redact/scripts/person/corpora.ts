import { readFileSync } from 'node:fs';

/** Shared data root; read at train/measure time only, never by the product. */
export const DATA = process.env.HUTONG_DATA ?? '/work/shared/data';

/** A sentence with its person-name spans (end exclusive). */
export interface Sample { text: string; spans: Array<[number, number]> }

/**
 * Char-per-line corpora (BIO or BMES). `isPer` picks the label type that counts as a name
 * (Weibo PER.NAM only: PER.NOM is 妈妈/老师, not a name).
 */
export function readCharCorpus(path: string, isPer: (type: string) => boolean, stripDigit = false): Sample[] {
  const out: Sample[] = [];
  let chars: string[] = [], spans: Array<[number, number]> = [], open = -1;
  const close = (end: number) => { if (open >= 0) spans.push([open, end]); open = -1; };
  const flush = () => {
    close(chars.length);
    if (chars.length) out.push({ text: chars.join(''), spans });
    chars = []; spans = [];
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) { flush(); continue; }
    const m = /^(\S+)[\t ]+(\S+)$/.exec(line) ?? /^()[\t ]*(\S+)$/.exec(line);
    let ch = m ? m[1]! : line[0]!;
    const label = m ? m[2]! : 'O';
    if (stripDigit) ch = ch.replace(/\d$/, '');
    if (!ch) ch = ' ';
    const i = chars.length;
    chars.push(ch);
    const dash = label.indexOf('-');
    const prefix = dash > 0 ? label.slice(0, dash) : label;
    const type = dash > 0 ? label.slice(dash + 1) : '';
    if (!isPer(type)) { close(i); continue; }
    if (prefix === 'B' || prefix === 'S' || open < 0) { close(i); open = i; }
    if (prefix === 'E' || prefix === 'S') close(i + 1);
  }
  flush();
  return out;
}

export const weibo = (part: 'train' | 'dev') => readCharCorpus(`${DATA}/ner/weibo/${part}.conll`, (t) => t === 'PER.NAM', true);
export const uner = (part: 'train' | 'dev' | 'test') => readCharCorpus(`${DATA}/ner/uner_zh/${part}.gsdsimp.bio`, (t) => t === 'PER');
export const peoplesDaily = () => readCharCorpus(`${DATA}/ner/peoples_daily/dev.bio`, (t) => t === 'PER');
export const resume = (part: 'dev' | 'test') => readCharCorpus(`${DATA}/ner/resume/${part}.char.bmes`, (t) => t === 'NAME');

export function cluener(): Sample[] {
  return readFileSync(`${DATA}/ner/cluener2020/dev.json`, 'utf8').split('\n').filter(Boolean).map((l) => {
    const j = JSON.parse(l) as { text: string; label: Record<string, Record<string, number[][]>> };
    const spans: Array<[number, number]> = [];
    for (const offs of Object.values(j.label.name ?? {})) for (const [s, e] of offs) spans.push([s!, e! + 1]);
    return { text: j.text, spans };
  });
}

export function bdci(): Sample[] {
  return readFileSync(`${DATA}/ner/bdci2020/docs.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => {
    const j = JSON.parse(l) as { text: string; spans: Array<{ type: string; start: number; end: number }> };
    return { text: j.text, spans: j.spans.filter((s) => s.type === 'name').map((s) => [s.start, s.end] as [number, number]) };
  });
}
