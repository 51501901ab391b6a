import type { Lexicons } from './lexicons.ts';
import type { Sample } from './corpora.ts';

/** Deterministic PRNG so training is reproducible (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Sentences shaped like news and child-welfare reports; {N} is a name slot, {X} a non-name
 * filler (place or organisation) so the tagger also learns what is NOT a name in the same slot.
 */
const TEMPLATES = [
  '{N}同学今年上三年级', '记者{N}报道', '{N}的母亲说', '{N}的父亲告诉记者', '{N}的爷爷今年七十多岁了', '{N}的奶奶一直照顾他',
  '新华社北京3月5日电（记者{N}）', '本报记者{N}', '（记者{N}　通讯员{N}）', '{N}小朋友今年8岁', '{N}说', '{N}表示', '{N}指出',
  '{N}强调，要切实做好这项工作', '{N}告诉记者，', '据{N}介绍，', '{N}老师说', '班主任{N}介绍', '村民{N}说', '村支书{N}告诉记者',
  '{N}、{N}、{N}等参加了会议', '{N}和{N}一起走进教室', '出席会议的有{N}、{N}等', '{N}同志', '{N}主席', '{N}总理在会见时说',
  '国家主席{N}', '{N}会见了{N}', '{N}在讲话中说', '{N}是一名留守儿童', '{N}（化名）今年12岁', '化名{N}的女孩', '小女孩{N}', '男孩{N}',
  '{N}的妈妈在外地打工', '{N}一家', '{N}和弟弟', '{N}的哥哥{N}', '校长{N}', '{N}校长', '{N}医生', '主治医生{N}', '{N}警官', '民警{N}',
  '志愿者{N}', '{N}教授', '{N}先生', '{N}女士', '{N}阿姨', '{N}叔叔', '{N}今年', '{N}从小', '{N}在', '{N}把', '{N}被', '{N}对记者说：“',
  '“{N}，快回家吃饭！”', '{N}哭着说', '{N}笑了', '看着{N}', '帮助{N}', '{N}：', '我叫{N}', '他叫{N}', '她叫{N}', '名叫{N}的孩子',
  '{N}同学的作文', '{N}小朋友的家', '学生{N}', '{N}获得一等奖', '{N}当选', '{N}任主任', '{N}，男，1990年出生', '{N}，女，汉族',
  '作者：{N}', '责任编辑：{N}', '摄影/{N}', '{N}总统', '{N}首相', '{N}外长', '美国总统{N}', '{N}教练', '球员{N}', '演员{N}', '歌手{N}',
  '{S}老师看了后', '{S}老说', '同村{S}某', '{S}某某', '{S}局长', '{S}书记说', '{S}大夫', '{S}师傅', '{S}总', '{S}经理', '{S}队长', '当{S}主任',
  '外长{T}', '{T}总统', '{T}说', '{T}今天', '选手{T}', '{T}在会上', '{T}首相', '{T}（{T}）', '{T}和{T}', '外交部长{T}', '教练{T}',
  // People's Daily register: a surname alone before a title or kinship word is the name (李先生 → 李).
  '{S}先生说', '{S}女士', '{S}小姐这样说', '{S}教授刚从外地回来', '{S}主席', '{S}大娘', '{S}大爷', '{S}老介绍说', '老{S}的女儿',
  '托{S}市长', '{S}副局长表示', '{S}外长说', '{S}家门前', '{S}先生的这番话', '与{S}教授', '{S}阿姨', '{S}奶奶',
  '年仅6岁的小{N}', '{N}副总理说', '{N}总理', '{N}议长', '{N}一行是应中国', '前总理{N}', '{N}说，中国重视', '学{N}',
  '{N}、{N}，副主席{N}', '{N}（中）、{N}', '{T}首相', '{T}总理', '{T}一行', '{T}将球送入空门', '外援{T}', '名将{T}',
  '{X}的村民说', '{X}小学', '来自{X}', '在{X}工作', '{X}的孩子们', '{X}村', '{X}人民政府', '{X}派出所', '{X}表示', '{X}指出',
];

let SUBJECT_SHARE = 0.33;
export function setSubjectShare(x: number): void { SUBJECT_SHARE = x; }

let EXTRA_NAMES: readonly string[] = [], EXTRA_SHARE = 0;
/** Extra names (the jieba dictionary's nr / nrt words) drawn for a share of the name slots. */
export function setExtraNames(names: readonly string[], share: number): void { EXTRA_NAMES = names; EXTRA_SHARE = share; }

/** A made-up or lexicon name; mixes styles so neither dominates. */
export function makeName(lex: Lexicons, r: () => number, cum: number[]): string {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  if (EXTRA_SHARE > 0 && r() < EXTRA_SHARE) return pick(EXTRA_NAMES);
  const u = r();
  const surname = () => {
    const x = r() * cum[cum.length - 1]!;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const m = (lo + hi) >> 1; if (cum[m]! < x) lo = m + 1; else hi = m; }
    return lex.surnames[lo]!.s;
  };
  const given = givenPool(lex);
  if (u < 0.35) return pick(lex.modern);
  if (u < 0.7) return surname() + pick(given) + (r() < 0.7 ? pick(given) : '');
  if (u < 0.75) return pick(lex.compound) + pick(given) + (r() < 0.6 ? pick(given) : '');
  if (u < 0.85) {
    const a = pick(lex.translit);
    return r() < 0.3 && !a.includes('·') ? `${a}·${pick(lex.translit)}` : a;
  }
  if (u < 0.9) return pick(lex.ancient);
  const g = pick(given);
  const v = r();
  return v < 0.4 ? `小${g}` : v < 0.7 ? g + g : v < 0.85 ? `阿${g}` : surname() + g + g;
}

let poolCache: string[] | undefined;
function givenPool(lex: Lexicons): string[] {
  if (poolCache) return poolCache;
  const pool: string[] = [];
  for (const [c, n] of lex.givenChars) for (let k = 0; k < Math.min(n, 50); k++) pool.push(c);
  return (poolCache = pool.sort());
}

/**
 * Name-shaped ordinary words: bigrams of the corpora's name-free text that start with a surname
 * char (保证, 严格, 周边), seen at least `min` times and never as a lexicon name.
 */
export function decoyWords(samples: Sample[], lex: Lexicons, min = 3): string[] {
  const surnames = new Set(lex.surnames.filter((x) => x.s.length === 1).map((x) => x.s));
  const names = new Set([...lex.modern, ...lex.translit]);
  const counts = new Map<string, number>();
  for (const s of samples) {
    const inName = new Uint8Array(s.text.length);
    for (const [a, b] of s.spans) inName.fill(1, a, b);
    for (let i = 0; i + 1 < s.text.length; i++) {
      if (inName[i] || inName[i + 1] || !surnames.has(s.text[i]!)) continue;
      const w = s.text.slice(i, i + 2);
      if (/^[\u4e00-\u9fff]{2}$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts].filter(([w, n]) => n >= min && !names.has(w)).map(([w]) => w).sort();
}

/** Synthetic sentences: template + real context clauses around it (from the ship corpora). */
export function synthesise(lex: Lexicons, fillers: string[], clauses: string[], count: number, seed: number, decoys: string[] = [], decoyShare = 0): Sample[] {
  const r = rng(seed);
  const cum: number[] = [];
  let acc = 0;
  for (const s of lex.surnames) cum.push((acc += s.f));
  const out: Sample[] = [];
  for (let k = 0; k < count; k++) {
    // A third are bare subjects ("{N}" + a real clause): no cue word, so the tagger must also
    // learn what a name itself looks like, not only where templates put one.
    const tpl = r() < SUBJECT_SHARE ? '{N}' : TEMPLATES[Math.floor(r() * TEMPLATES.length)]!;
    let text = '';
    const spans: Array<[number, number]> = [];
    if (r() < 0.5 && clauses.length) text += clauses[Math.floor(r() * clauses.length)]! + (r() < 0.5 ? '，' : '');
    for (const part of tpl.split(/(\{[NXST]\})/)) {
      if (part === '{N}' && decoys.length && r() < decoyShare) text += decoys[Math.floor(r() * decoys.length)]!;
      else if (part === '{N}') { const n = makeName(lex, r, cum); spans.push([text.length, text.length + n.length]); text += n; }
      else if (part === '{S}' || part === '{T}') {
        const n = part === '{S}' ? lex.surnames[Math.floor(r() * 150)]!.s : lex.translit[Math.floor(r() * lex.translit.length)]!;
        spans.push([text.length, text.length + n.length]); text += n;
      } else if (part === '{X}') text += fillers[Math.floor(r() * fillers.length)]!;
      else text += part;
    }
    if (tpl === '{N}') text += clauses[Math.floor(r() * clauses.length)]!;
    else if (r() < 0.6 && clauses.length) text += (r() < 0.5 ? '，' : '') + clauses[Math.floor(r() * clauses.length)]!;
    text += r() < 0.5 ? '。' : '';
    out.push({ text, spans });
  }
  return out;
}

/** Real sentences with every name swapped for another: more name variety in natural context. */
export function swapNames(samples: Sample[], lex: Lexicons, seed: number): Sample[] {
  const r = rng(seed);
  const cum: number[] = [];
  let acc = 0;
  for (const s of lex.surnames) cum.push((acc += s.f));
  return samples.filter((s) => s.spans.length).map((s) => {
    let text = '', last = 0;
    const spans: Array<[number, number]> = [];
    for (const [a, b] of s.spans) {
      text += s.text.slice(last, a);
      const n = makeName(lex, r, cum);
      spans.push([text.length, text.length + n.length]);
      text += n; last = b;
    }
    return { text: text + s.text.slice(last), spans };
  });
}

/** Entity-free clauses of the ship corpora, used as context around templates. */
export function cleanClauses(samples: Sample[]): string[] {
  const out: string[] = [];
  for (const s of samples) {
    if (s.spans.length) continue;
    for (const c of s.text.split(/[，。！？；]/)) if (c.length >= 4 && c.length <= 30) out.push(c);
  }
  return out;
}
