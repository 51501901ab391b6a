import type { Finding } from '../../types.ts';
import { givenLevel, isHan, isSurname, surnameLevel } from './names.ts';

/** Words after which a name is introduced as a pseudonym: 化名小花, 化名为李明. */
const ALIAS = '化名';
/** Words that follow a child's name in reports; only used to rescue names the tagger missed. */
const AFTER = ['同学', '小朋友'];
const STOP = new Set([...'的是在今年和与跟说了也都就又还很被把从为及等一二三四五六七八九十个岁']);

/** Length (2 or 3) of a name starting at i, judged from lexicon classes; 0 if not name-like. */
function forwardName(text: string, i: number, classes: Uint8Array): number {
  let n = 0;
  while (n < 3 && i + n < text.length && isHan(text.charCodeAt(i + n)) && !STOP.has(text[i + n]!)) n++;
  if (n < 2) return 0;
  if (n === 3 && !(isSurname(text.charCodeAt(i), classes) && givenLevel(text.charCodeAt(i + 2), classes) >= 1)) n = 2;
  return n;
}

/**
 * Rule findings the tagger can miss in child-welfare prose: the name after 化名, the name before
 * （化名）, and a surname-initial name right before 同学/小朋友.
 */
export function cueFindings(text: string, classes: Uint8Array): Finding[] {
  const out: Finding[] = [];
  const push = (start: number, end: number, score: number) => {
    if (end - start >= 2) out.push({ type: 'PERSON', start, end, text: text.slice(start, end), score, source: 'person_cue' });
  };
  for (let at = text.indexOf(ALIAS); at >= 0; at = text.indexOf(ALIAS, at + ALIAS.length)) {
    let i = at + ALIAS.length;
    while (i < text.length && '：:“"「‘为叫是'.includes(text[i]!)) i++;
    const n = forwardName(text, i, classes);
    if (n && text[at - 1] !== '（' && text[at - 1] !== '(') push(i, i + n, 0.9);
    // 小花（化名）: the name sits right before the bracket.
    if (text[at - 1] === '（' || text[at - 1] === '(') {
      const end = at - 1;
      let s = end;
      while (s > 0 && end - s < 3 && isHan(text.charCodeAt(s - 1)) && !STOP.has(text[s - 1]!)) s--;
      if (end - s === 3 && !isSurname(text.charCodeAt(s), classes)) s++;
      push(s, end, 0.9);
    }
  }
  for (const cue of AFTER) {
    for (let at = text.indexOf(cue); at >= 0; at = text.indexOf(cue, at + cue.length)) {
      if (text[at + cue.length] === '们') continue; // 同学们 addresses a group, not a child
      for (const len of [3, 2]) {
        const s = at - len;
        if (s < 0) continue;
        // Rare surnames (校, 操) start too many ordinary words to trust without the tagger.
        if (!(surnameLevel(text.charCodeAt(s), classes) >= 2 || text[s] === '小' || text[s] === '阿')) continue;
        let ok = true;
        for (let k = s + 1; k < at; k++) if (!isHan(text.charCodeAt(k)) || STOP.has(text[k]!) || givenLevel(text.charCodeAt(k), classes) === 0) ok = false;
        if (ok) { push(s, at, 0.75); break; }
      }
    }
  }
  return out;
}
