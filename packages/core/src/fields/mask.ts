import type { MaskStyle } from './field-catalogue.ts';

/** Masks are applied on the server; the console never receives a value it may not show. */
export function maskValue(style: MaskStyle, value: string | null | undefined): string | null {
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
      return maskAddress(value);
    case 'school':
      return '***' + (value.match(/(幼儿园|小学|中学|学校|学院|大学)$/u)?.[0] ?? '');
    case 'birthDate':
      return value.slice(0, 4) + '-**-**';
  }
}

/** Keep the text up to the county (县/区/市/旗) so a reader knows roughly where, as courts do (法释〔2016〕19号). */
function maskAddress(value: string): string {
  const m = value.match(/^(.{0,20}?(?:省|自治区|特别行政区)?.{0,12}?(?:市|州|盟|地区)?.{0,12}?(?:县|区|旗|市))/u);
  const kept = m?.[1] && m[1].length < value.length ? m[1] : '';
  return kept + '***';
}
