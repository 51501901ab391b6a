import type { MaskStyle } from './field-catalogue.ts';

/** Masks are applied on the server; the console never receives a value it may not show. */
export interface MaskContext {
  /** Full name down to the county (福建省福州市鼓楼区), when the caller knows it from a region code. */
  countyName?: string;
}

export function maskValue(style: MaskStyle, value: string | null | undefined, context: MaskContext = {}): string | null {
  if (value == null || value === '') return value ?? null;
  const chars = [...value];
  switch (style) {
    case 'none':
      return value;
    case 'hidden':
      return '***';
    case 'name':
      return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
    case 'idNumber':
      return chars.length <= 8 ? '*'.repeat(chars.length) : chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
    case 'phone':
      return chars.length <= 7 ? '*'.repeat(chars.length) : chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
    case 'address':
      return context.countyName ? `${context.countyName}***` : maskAddress(value);
    case 'school':
      return '***' + (value.match(/(幼儿园|小学|中学|学校|学院|大学)$/u)?.[0] ?? '');
    case 'birthDate':
      return value.slice(0, 4) + '-**-**';
  }
}

/**
 * Keep the text up to the county (县/区/旗/县级市), as courts do (法释〔2016〕19号), but only when
 * the address plainly starts with province and city; anything doubtful is masked whole.
 */
const ADDRESS_HEAD = /^((?:北京市|天津市|上海市|重庆市)|[^\d\s]{2,7}?(?:省|自治区|特别行政区)[^\d\s]{2,9}?(?:市|自治州|地区|盟))([^\d\s]{1,9}?(?:县|区|旗|市))(?=\S)/u;
const NOT_COUNTY = /(?:社区|小区|园区|街区|景区|校区)$/u;

function maskAddress(value: string): string {
  const m = ADDRESS_HEAD.exec(value);
  if (!m || NOT_COUNTY.test(m[2]!)) return '***';
  return m[1]! + m[2]! + '***';
}
