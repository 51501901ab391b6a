import type { EntityType, Finding } from '../types.ts';
import { checkParams } from './params.ts';
import { hanSurname } from './surnames.ts';
import type { OperatorSpec } from './types.ts';

/** How much stays visible by default: enough for a reader to tell two entries apart, never enough to look one up. */
const KEEP: Partial<Record<EntityType, readonly [number, number]>> = {
  ID_CARD: [4, 4], // 3501**********123X: province and city code, check digit
  PHONE: [3, 4], // 139****5678
  BANK_CARD: [4, 4],
  PASSPORT: [1, 2],
  QQ: [2, 2],
  WECHAT: [2, 1],
  PLATE: [2, 1],
  EMAIL: [1, 0],
  DATE_OF_BIRTH: [4, 0],
  SCHOOL: [0, 2], // *****小学
};

/** Masks code points (emoji and Ext-B characters count once); at least one character is always hidden. */
export function maskText(text: string, keepStart: number, keepEnd: number, char = '*'): string {
  const chars = [...text];
  const n = chars.length;
  if (n <= 1) return char.repeat(n);
  let s = Math.min(keepStart, n - 1);
  let e = Math.min(keepEnd, n - 1 - s);
  if (s + e >= n) { s = Math.min(s, n - 1); e = 0; }
  return chars.slice(0, s).join('') + char.repeat(n - s - e) + (e ? chars.slice(n - e).join('') : '');
}

/** The default mask of a finding: names keep the surname (欧阳**), e-mail keeps its domain. */
export function maskFinding(f: Finding, keepStart?: number, keepEnd?: number, char = '*'): string {
  if (f.type === 'EMAIL' && keepStart === undefined && keepEnd === undefined) {
    const at = f.text.lastIndexOf('@');
    if (at > 0) return maskText(f.text.slice(0, at), 1, 0, char) + f.text.slice(at);
  }
  if (f.type === 'PERSON' && keepStart === undefined) {
    const surname = hanSurname(f.text, f.meta?.['surname']);
    return maskText(f.text, surname ? [...surname].length : 1, keepEnd ?? 0, char);
  }
  const county = f.meta?.['countyName'];
  if (f.type === 'ADDRESS' && keepStart === undefined && typeof county === 'string' && county) {
    // Up to the county is what courts publish anyway (福建省南平市松溪县*****).
    const at = f.text.indexOf(county);
    if (at >= 0 && at + county.length < f.text.length) return maskText(f.text, [...f.text.slice(0, at + county.length)].length, 0, char);
  }
  const [ds, de] = KEEP[f.type] ?? [1, 0];
  return maskText(f.text, keepStart ?? ds, keepEnd ?? de, char);
}

export const mask: OperatorSpec = {
  name: 'mask',
  title: '部分遮盖',
  validate: (p) => checkParams(p, { keepStart: 'count', keepEnd: 'count', char: 'char' }),
  create: (p) => {
    const ks = p['keepStart'] as number | undefined, ke = p['keepEnd'] as number | undefined;
    const ch = (p['char'] as string | undefined) ?? '*';
    // Already-masked numbers are masked again: the detector's mask may keep more than ours.
    return (f) => maskFinding(f, ks, ke, ch);
  },
};
