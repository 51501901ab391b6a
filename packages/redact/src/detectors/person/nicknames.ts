import type { Finding } from '../../types.ts';
import { splitName } from './names.ts';

/**
 * Words that are also given names or nickname forms; they are only marked when the tagger or a
 * cue finds them, never by propagation (明明 is usually "obviously", 建国 the founding).
 */
const COMMON = new Set([
  '明明', '常常', '刚刚', '渐渐', '天天', '往往', '偏偏', '慢慢', '好好', '多多', '星星', '人人', '处处', '年年', '时时', '默默',
  '久久', '轻轻', '静静', '深深', '平平', '早早', '长长', '高高', '大大', '小小', '清清', '冬冬', '红红', '欢欢', '悄悄', '淡淡',
  '建国', '国庆', '建军', '建华', '国华', '文化', '文明', '和平', '胜利', '光明', '红军', '新华', '中华', '振兴', '发展', '建设',
  '海洋', '春天', '秋天', '冬天', '夏天', '美丽', '快乐', '幸福', '平安', '健康', '安全', '成功', '希望', '未来', '世界', '天下',
  '小时', '小学', '小心', '小孩', '小姐', '小组', '小说', '小区', '小家', '小朋', '小伙', '小吃', '小事', '小白', '小马', '小牛',
  '老师', '老人', '老家', '老板', '老公', '老婆', '老年', '老大', '老马', '老白', '老牛', '老鼠', '老虎', '老实', '老百',
  '阿姨', '阿公', '阿婆', '阿爸', '阿妈',
]);

/** Only confident names propagate: a shaky span would spread its error through the document. */
const MIN_SCORE = 0.7;

/**
 * Once a full name is found (王小明), its everyday forms in the same document are the same child:
 * the name itself anywhere else, the given name (小明), 明明, 阿明, 小王/老王 and 王某/王某某.
 * Scoped to one `detect` call, so nothing carries across documents.
 */
export function nicknameFindings(text: string, found: readonly Finding[], classes: Uint8Array): Finding[] {
  const variants = new Map<string, string>(); // variant → surname
  for (const f of found) {
    if (f.score < MIN_SCORE) continue;
    const parts = splitName(f.text, classes);
    if (!parts) continue;
    const { surname, given } = parts;
    const last = given[given.length - 1]!;
    const add = (v: string) => { if (v.length >= 2 && !COMMON.has(v) && !variants.has(v)) variants.set(v, surname); };
    add(f.text);
    if (given.length === 2) add(given);
    add(last + last);
    add(`阿${last}`);
    if (given.length === 2 && (given[0] === '小' || given[0] === '晓')) add(`小${last}`);
    add(`${surname}某某`);
    add(`${surname}某`);
    if (surname.length === 1) { add(`小${surname}`); add(`老${surname}`); }
  }
  if (!variants.size) return [];
  // Index by first char so the scan is one pass with a cheap check per position.
  const byFirst = new Map<number, string[]>();
  for (const v of variants.keys()) {
    const k = v.charCodeAt(0);
    const list = byFirst.get(k);
    if (list) list.push(v); else byFirst.set(k, [v]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const taken = new Uint8Array(text.length);
  for (const f of found) taken.fill(1, f.start, f.end);
  const out: Finding[] = [];
  for (let i = 0; i < text.length; i++) {
    const list = byFirst.get(text.charCodeAt(i));
    if (!list || taken[i]) continue;
    for (const v of list) {
      if (!text.startsWith(v, i) || taken.subarray(i, i + v.length).includes(1)) continue;
      out.push({ type: 'PERSON', start: i, end: i + v.length, text: v, score: 0.8, source: 'person_nickname', meta: { surname: variants.get(v)! } });
      i += v.length - 1;
      break;
    }
  }
  return out;
}
