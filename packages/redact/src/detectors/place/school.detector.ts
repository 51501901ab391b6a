/**
 * SCHOOL: the school a child attends (就读学校, 第十四条). A school word (小学, 中心小学, 一中,
 * 职业技术学院 …) is extended leftwards over what school names are made of: division names from
 * the gazetteer (松溪县, 南平市, 北京), ordinals (第二), name words (实验, 希望, 附属) and up to a
 * few other characters, but never across punctuation, verbs or function words. A bare school
 * word (上学, 读小学, 这所大学, 大学生) names no school and is left alone.
 */
import type { Detector, Finding } from '../../types.ts';
import { FormKind, getGazetteer, type Gazetteer, type PlaceHit } from './gazetteer.ts';

/** Longest first, so 中心小学 wins over 小学 and 职业技术学院 over 学院. */
const SCHOOL_WORD = new RegExp(
  '(?:九年一贯制学校|十二年一贯制学校|特殊教育学校|高等专科学校|专科学校|职业技术学院|职业技术学校|中等专业学校|培智学校|实验学校|技工学校|' +
  '职业学院|职业中专|职业高中|职业中学|高级中学|初级中学|完全中学|中心小学|幼儿园|托儿所|中心校|小学|中学|学院|大学|' +
  '分校|附小|附中|学校|完小|(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})中(?![心国间午年期旬部央文医药专学全队]))',
  'gu',
);
/** 大学生, 中学生, 小学部 … : the word describes a person or part, not a school. */
const NOT_AFTER = /^[生部]/u;
/** Words that make a name on their own (希望小学, 实验小学) or join parts of one (附属, 大学 in 师范大学附属中学). */
const NAME_WORDS = /(?:首都|中国|中央|中华|国家|人民|对外|大学|学院|医学|医药|卫生|护理|商贸|经贸|工程|管理|建设|交通|电子|信息|机电|旅游|林业|水利|电力|石油|化工|建筑|纺织|航空|航天|邮电|警察|司法|外语|美术|音乐|戏剧|幼儿师范|实验|民族|希望|育才|育英|育红|附属|师范|外国语|双语|职业|技术|中心|特殊教育|艺术|体育|农业|工业|科技|理工|医科|财经|政法|联合|国际|华侨|中英文)$/u;
/** Describes a school without naming it (重点大学, 附近的小学 is cut at 的 anyway). */
const GENERIC = /^(?:重点|名牌|知名|著名|普通|当地|本地|附近|一流|公办|民办|私立|寄宿|乡村|农村|城里|县里|镇上|村里|新|老|好|大|小|这|那|该|本|此|某|一|两|几|各|每|全|所|个)+$/u;
/** Characters a school name never spans in running text. */
const STOP = /[的了在是和与及或把被给让我你他她它们这那个也都就还又很去到从往向住说要想会能可有没不读念考进入转回于就所间座家名位等跟对为以而但因如被着过上办当任使即求级届年学]/u;
const ORDINAL = /第?(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,3})$/u;
const MAX_FREE = 4;
const MAX_NAME = 30;

type Piece = 'none' | 'ordinal' | 'word' | 'place' | 'free';

interface Left {
  readonly start: number;
  /** A place, ordinal or name word is part of the name (not only free characters). */
  readonly named: boolean;
  readonly free: number;
  /** Units of the place that opens the name, for county meta. */
  readonly units: readonly number[];
}

/** The longest gazetteer name (no township stem) ending exactly at `end`, as [start, units]. */
function placeEndingAt(g: Gazetteer, text: string, end: number, hits: PlaceHit[]): [number, number[]] | null {
  for (let len = Math.min(12, end); len >= 2; len--) {
    hits.length = 0;
    g.hitsAt(text, end - len, hits);
    for (const h of hits) {
      if (h.end !== end) continue;
      const units: number[] = [];
      for (let k = h.from; k < h.to && units.length < 64; k++) if (g.kindAt(k) !== FormKind.Stem) units.push(g.nodeAt(k));
      if (units.length) return [end - len, units];
    }
  }
  return null;
}

/**
 * Walks left from the school word over the pieces of a name. A place opens a name (松溪县第一中学,
 * 北京大学), so only a wider place goes before it; an ordinal sits next to the school word or a
 * name word (第二实验小学); free characters (清华, 复旦) stop at verbs and function words.
 */
function extendLeft(g: Gazetteer, text: string, at: number): Left {
  const hits: PlaceHit[] = [];
  let start = at, named = false, free = 0, units: number[] = [], last: Piece = 'none';
  while (start > 0 && at - start < MAX_NAME) {
    const before = text.slice(Math.max(0, start - 8), start);
    if (last === 'place' && /(?:大学|学院)$/u.test(before)) {
      // 南开大学滨海学院: a school's own campus or college, so the name goes on.
      start -= 2; last = 'word'; continue;
    }
    if (last !== 'place') {
      const word = NAME_WORDS.exec(before);
      if (word) { start -= word[0].length; named = true; last = 'word'; continue; }
      const ord = last === 'none' || last === 'word' ? ORDINAL.exec(before) : null;
      if (ord) { start -= ord[0].length; named = true; last = 'ordinal'; continue; }
    }
    const place = placeEndingAt(g, text, start, hits);
    if (place) { start = place[0]; named = true; if (last !== 'place') units = place[1]; last = 'place'; continue; }
    if (last === 'place' || last === 'ordinal') break;
    const c = text[start - 1]!;
    if (!/\p{Script=Han}/u.test(c) || STOP.test(c) || free >= MAX_FREE) break;
    start--;
    free++;
    last = 'free';
  }
  return { start, named, free, units: last === 'place' ? units : [] };
}

function countyOfUnits(g: Gazetteer, units: readonly number[]): Record<string, string> {
  let county = -1;
  for (const u of units) {
    const c = g.countyOf(u);
    if (c < 0 || (county >= 0 && c !== county)) return {};
    county = c;
  }
  return county < 0 ? {} : { countyName: g.names[county]!, countyCode: g.code6(county) };
}

export function schoolDetector(): Detector {
  return {
    name: 'school_pattern',
    types: ['SCHOOL'],
    detect(text: string): Finding[] {
      const spans: Finding[] = [];
      let g: Gazetteer | undefined;
      SCHOOL_WORD.lastIndex = 0;
      for (let m = SCHOOL_WORD.exec(text); m; m = SCHOOL_WORD.exec(text)) {
        const end = m.index + m[0].length;
        if (NOT_AFTER.test(text.slice(end, end + 1))) continue;
        g ??= getGazetteer();
        const left = extendLeft(g, text, m.index);
        const name = text.slice(left.start, m.index);
        const ordinalSchool = /^(?:[一二三四五六七八九十]+|[0-9]+)中$/u.test(m[0]);
        // 县一中 / 松溪一中 need a place before the number; other words a real name part.
        // Free characters alone name universities (清华大学, 复旦大学), not 学校 or 小学 (试点学校).
        const freeOk = left.free >= 2 && /^(?:大学|学院)$/u.test(m[0]);
        const ok = ordinalSchool
          ? left.named || /[县市区镇乡]$/u.test(name)
          : (left.named || freeOk) && !GENERIC.test(name);
        if (!ok || !name) continue;
        spans.push({
          type: 'SCHOOL', start: left.start, end, text: text.slice(left.start, end),
          score: left.named ? 0.85 : 0.7, source: 'school_pattern',
          meta: countyOfUnits(g, left.units),
        });
      }
      // 福建师范大学附属中学 is found as 福建师范大学 and as the whole: keep the longest per overlap.
      spans.sort((a, b) => a.start - b.start || b.end - a.end);
      const out: Finding[] = [];
      for (const s of spans) {
        const last = out[out.length - 1];
        if (last && s.start < last.end) {
          if (s.end - s.start > last.end - last.start) out[out.length - 1] = s;
          continue;
        }
        out.push(s);
      }
      return out;
    },
  };
}
