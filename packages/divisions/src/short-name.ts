/**
 * Short forms of township and village names. The statistical names carry the committee that
 * administers the place ("多福巷社区居委会", "北新村民委员会"), while people write the place itself
 * ("多福巷社区", "北新村"): the redaction gazetteer needs the latter. The rules follow the forms
 * in JioNLP's tree; the build script measures how often they agree with it.
 */

/**
 * Trailing bookkeeping notes: （省级）（特殊村委会）（一分场）（含东青村村委）. Notes that name a place
 * (经济开发区（马棚街道）) stay, or the short form would be a generic word; inner ones stay too.
 */
const TRAILING_NOTES = /(?:（(?:省级|国家级|部分|特殊村委会|特殊社区|其他片区|社区|村委会|居委会|[^（）]*分场|含[^（）]*)）)+$/u;
/** 村民委员会 and the abbreviations and typos seen in the 2023 data (村委, 村民委会, 村委员会 …). */
const VILLAGE_COMMITTEE = /(?:村民委员会会?|村民委会会?|村民员委会|村民委员|村委员会|村委会会?|村委员|村委)$/u;
/** 居民委员会 and its variants; 家委会 (家属委员会) works like a 居委会 in 吉林 and 辽宁. */
const RESIDENT_COMMITTEE = /(?:居民委员会会?|居民委会会?|居民居委会|居民委员?|居委员|居委会会?|居委|家委会|(?<=社区)居)$/u;
/** Any other committee: only dropped when what is left already names a place. */
const OTHER_COMMITTEE = /(?:委员会|委会)$/u;
/** Bases that already end in a settlement word keep their own ending. */
const PLACE_END = /(?:村|社区|嘎查)$/u;
/** "日晖六村第一居委会", "泗塘四村一居委会": one estate, several committees; no clean short form. */
const NUMBERED_COMMITTEE = /(?:村|第)[一二三四五六七八九十\d]+$/u;

function dropCommittee(s: string): string | undefined {
  let m = VILLAGE_COMMITTEE.exec(s);
  if (m) {
    const base = s.slice(0, m.index);
    if (!base) return undefined;
    return PLACE_END.test(base) ? base : `${base}村`;
  }
  m = RESIDENT_COMMITTEE.exec(s);
  if (m) {
    const base = s.slice(0, m.index);
    if (!base || NUMBERED_COMMITTEE.test(base)) return undefined;
    return PLACE_END.test(base) ? base : `${base}社区`;
  }
  m = OTHER_COMMITTEE.exec(s);
  if (m) {
    const base = s.slice(0, m.index);
    // 牧委会, 渔委会, 管理委员会: the base ("巴音牧", "XX管理") is not a place name by itself.
    return PLACE_END.test(base) ? base : undefined;
  }
  return s;
}

/**
 * The short form of a level-4 (乡级) or level-5 (村级) name, or undefined when it would equal the
 * official name or be too short to be useful for matching. Other levels use JioNLP aliases instead.
 */
export function deriveShortName(name: string, level: number): string | undefined {
  if (level < 4) return undefined;
  let s = name.replace(TRAILING_NOTES, '') || name;
  if (level === 4) s = s.replace(/街道办事处$/u, '街道');
  const short = dropCommittee(s);
  if (short === undefined || short === name || short.length < 2) return undefined;
  return short;
}
