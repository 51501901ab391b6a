// Posts for the screening benchmark: real text that mentions no registered child (the NER
// evaluation corpora, read at bench time from /work/shared/data; nothing ships), and planted posts
// built from synthetic registry entries to measure what the scanner finds.
import fs from 'node:fs';
import path from 'node:path';
import type { SyntheticChild } from './screen-synthetic.ts';
import { rng } from './screen-synthetic.ts';

// Only the text is needed, not the labels: one character per line (first column; weibo appends a
// segmentation digit) with blank lines between sentences, or JSON lines with a "text" field.
const CORPORA: Array<[string, 'chars' | 'json']> = [
  ['ner/peoples_daily/dev.bio', 'chars'],
  ['ner/weibo/train.conll', 'chars'], ['ner/weibo/dev.conll', 'chars'],
  ['ner/cluener2020/train.json', 'json'], ['ner/cluener2020/dev.json', 'json'],
  ['ner/bdci2020/docs.jsonl', 'json'],
  ['ner/resume/train.char.bmes', 'chars'], ['ner/resume/dev.char.bmes', 'chars'], ['ner/resume/test.char.bmes', 'chars'],
  ['ner/uner_zh/train.gsdsimp.bio', 'chars'], ['ner/uner_zh/dev.gsdsimp.bio', 'chars'], ['ner/uner_zh/test.gsdsimp.bio', 'chars'],
  // Real address queries: full of real village and township names, the other half of a combination.
  ['address/train.txt', 'chars'], ['address/dev.txt', 'chars'],
];

export interface RealPost { readonly corpus: string; readonly text: string }

function texts(raw: string, format: 'chars' | 'json'): string[] {
  if (format === 'json') return raw.split('\n').filter((l) => l.trim()).map((l) => String((JSON.parse(l) as { text?: unknown }).text ?? ''));
  const out: string[] = [];
  let cur = '';
  for (const line of raw.split('\n')) {
    const t = line.replace(/\r$/u, '');
    if (!t.trim()) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const ch = [...t.split(/[\t ]/u)[0]!];
    cur += ch.length > 1 && /\d$/u.test(t.split(/[\t ]/u)[0]!) ? ch.slice(0, -1).join('') : ch.join('');
  }
  if (cur) out.push(cur);
  return out;
}

export function realPosts(dataDir: string): RealPost[] {
  const out: RealPost[] = [];
  for (const [file, format] of CORPORA) {
    const p = path.join(dataDir, file);
    if (!fs.existsSync(p)) continue;
    for (const text of texts(fs.readFileSync(p, 'utf8'), format)) if (text.trim()) out.push({ corpus: file.split('/')[1]!, text });
  }
  return out;
}

export interface PlantedPost { readonly kind: string; readonly child: number; readonly text: string; readonly shouldHit: boolean }

const FILLER = ['今天下午', '据网友反映，', '有热心人士说', '记者了解到，', '视频里可以看到'];

/**
 * For each sampled child one post per way of disclosing it, written the way posts are (spaces and
 * punctuation inside names, full-width digits), plus posts that name the child only: not a hit.
 */
export function plantedPosts(children: readonly SyntheticChild[], seed = 11): PlantedPost[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const spaced = (s: string) => (r() < 0.3 ? [...s].join(pick([' ', '·', '-', '，'])) : s);
  const wide = (s: string) => s.replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
  const out: PlantedPost[] = [];
  children.forEach((c, i) => {
    const f = pick(FILLER);
    out.push(
      { kind: 'name_village', child: i, shouldHit: true, text: `${f}${c.village}的${spaced(c.name)}，今年${8 + (i % 8)}岁，父母外出务工。` },
      { kind: 'name_school', child: i, shouldHit: true, text: `${f}${spaced(c.name)}在${c.school}读书，成绩很好。` },
      { kind: 'name_guardian', child: i, shouldHit: true, text: `${f}${spaced(c.name)}和奶奶${c.guardian}相依为命。` },
      { kind: 'id_number', child: i, shouldHit: true, text: `${f}有人公开了孩子的身份证号${r() < 0.5 ? wide(c.idNumber) : c.idNumber.toLowerCase()}。` },
      { kind: 'name_township', child: i, shouldHit: true, text: `${f}${c.township}的${spaced(c.name)}需要帮助，请大家转发募捐。` },
      { kind: 'name_alone', child: i, shouldHit: false, text: `${f}${c.name}同学在比赛中获得了一等奖。` },
    );
  });
  return out;
}
