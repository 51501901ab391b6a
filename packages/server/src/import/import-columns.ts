import { errors } from '@hutong/core';

/**
 * The spreadsheet columns of the children import template (the headers county bureaus already
 * use in their 台账), each mapped to a field of validateChildInput. Export writes the same
 * headers, so an unmasked export can be imported again elsewhere.
 */
export const COLUMNS = [
  { header: '姓名', key: 'name', required: true },
  { header: '性别', key: 'gender', required: true },
  { header: '出生日期', key: 'birthDate', required: true },
  { header: '身份证号', key: 'idNumber', required: false },
  { header: '区划代码', key: 'regionCode', required: true },
  { header: '现住址', key: 'residenceAddress', required: false },
  { header: '就读学校', key: 'school', required: false },
  { header: '儿童类别', key: 'categories', required: true },
  { header: '监护人姓名', key: 'guardianName', required: false },
  { header: '监护人关系', key: 'guardianRelation', required: false },
  { header: '监护人电话', key: 'guardianPhone', required: false },
  // Optional extras: accepted on import, written on export.
  { header: '民族', key: 'ethnicity', required: false },
  { header: '户籍地址', key: 'householdAddress', required: false },
  { header: '年级', key: 'grade', required: false },
  { header: '联系电话', key: 'phone', required: false },
  { header: '健康状况', key: 'health', required: false },
  { header: '残疾情况', key: 'disability', required: false },
  { header: '监护情况', key: 'guardianSituation', required: false },
  { header: '救助帮扶情况', key: 'assistance', required: false },
  { header: '监护人身份证号', key: 'guardianIdNumber', required: false },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

const BY_HEADER = new Map<string, ColumnKey>(COLUMNS.map((c) => [c.header, c.key]));
const LABEL = new Map<string, string>(COLUMNS.map((c) => [c.key, c.header]));

/** The Chinese column name a field problem refers to (guardians[1].phone → 监护人电话（第 2 位监护人）). */
export function columnLabel(field: string): string {
  const g = /^guardians\[(\d+)\]\.(\w+)$/u.exec(field);
  if (g) {
    const key = ({ name: 'guardianName', relation: 'guardianRelation', phone: 'guardianPhone', idNumber: 'guardianIdNumber' } as Record<string, string>)[g[2]!];
    const label = (key && LABEL.get(key)) ?? '监护人';
    return g[1] === '0' ? label : `${label}（第 ${Number(g[1]) + 1} 位监护人）`;
  }
  return LABEL.get(field) ?? field;
}

/**
 * Maps the header row to column keys by position. Unknown, repeated or missing required headers
 * refuse the whole file: guessing which column is meant could file a phone number as an ID.
 */
export function mapHeaders(raw: readonly string[]): Array<ColumnKey | null> {
  const cleaned = raw.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/u, '') : h).trim());
  const problems: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  const keys = cleaned.map((h, i): ColumnKey | null => {
    if (h === '') return null; // trailing empty cells of the header row
    const key = BY_HEADER.get(h);
    if (!key) problems.push({ field: h, message: `第 ${i + 1} 列表头“${h}”不是可识别的列名` });
    else if (seen.has(h)) problems.push({ field: h, message: `表头“${h}”重复出现` });
    seen.add(h);
    return key ?? null;
  });
  const missing = COLUMNS.filter((c) => c.required && !seen.has(c.header)).map((c) => c.header);
  if (missing.length) problems.push({ field: missing.join('、'), message: `缺少必需的列：${missing.join('、')}` });
  if (problems.length) {
    const unknown = cleaned.filter((h) => h && !BY_HEADER.has(h));
    const lead = unknown.length ? `无法识别的表头：${unknown.join('、')}。` : '';
    throw errors.validation(problems, `${lead}表头不符合导入模板（可用列名：${HEADERS.join('、')}）`);
  }
  return keys;
}
