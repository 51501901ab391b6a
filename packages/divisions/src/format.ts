/**
 * The shipped file format, shared by the build script (writer) and the loader (reader) so the two
 * cannot drift. data/divisions.tsv.gz is UTF-8 TSV, gzip level 9, rows sorted by (code, level):
 *
 *   #hutong-divisions/1 <tab> counts=31,342,2978,41352,620573 <tab> sources=…
 *   code12 <tab> parent <tab> level <tab> name [<tab> short [<tab> alias]]
 *
 * - parent is empty when it is the prefix parent (parentCode in core); only the few rows whose
 *   code equals their parent's (东莞市 441900 as 县级 under 地级 4419) spell it out.
 * - short is the derived short name encoded against name: "<chars of name kept><text appended>",
 *   e.g. 多福巷社区居委会 → "5", 建兰居委会 → "2社区". That keeps the file ~1.3 MB smaller than
 *   spelling 470k short names out, and a digit prefix cannot clash with a name.
 * - alias is JioNLP's short alias for levels 1–3 (上海, 嘉定, 大理).
 * Trailing empty columns are omitted. Names never contain tabs or newlines (the build checks).
 */
export const FORMAT_MAGIC = '#hutong-divisions/1';

/** Rows per level in the 2023 statistical data (levels 1–5), checked by build and tests. */
export const EXPECTED_COUNTS = [31, 342, 2978, 41352, 620573] as const;

/**
 * City-level rows that are statistical groupings, not places: municipalities' 市辖区/县 and the
 * 省直辖县级行政区划 that hold 仙桃, 济源, 五指山, 石河子…. fullName and name search skip them.
 */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function isPlaceholderName(level: number, name: string): boolean {
  return level === 2 && PLACEHOLDER_NAMES.has(name);
}

export function encodeShort(name: string, short: string | undefined): string {
  if (short === undefined) return '';
  let keep = 0;
  while (keep < short.length && keep < name.length && short[keep] === name[keep]) keep++;
  return `${keep}${short.slice(keep)}`;
}

export function decodeShort(name: string, encoded: string): string | undefined {
  if (encoded === '') return undefined;
  const m = /^(\d+)(.*)$/su.exec(encoded);
  if (!m) throw new Error(`区划数据格式错误：简称编码“${encoded}”无效`);
  return name.slice(0, Number(m[1])) + m[2]!;
}
