/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit order code,
 * and an ISO 7064 MOD 11-2 check character. The region check is a port so core stays dependency-free.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function normaliseIdNumber(s: string): string {
  return s.replace(/[\s-]/gu, '').toUpperCase();
}

export type IdNumberProblem = 'format' | 'checksum' | 'region' | 'birthDate' | 'birthDateMismatch';

export interface IdNumberCheck {
  readonly ok: boolean;
  readonly problem?: IdNumberProblem;
  readonly message?: string;
  readonly birthDate?: string;
  readonly gender?: 'male' | 'female';
}

export interface IdNumberOptions {
  /** Whether the first six digits name an existing region (the shipped division tree). */
  regionExists?: (code6: string) => boolean;
  /** When given, the birth date inside the number must agree with it (YYYY-MM-DD). */
  birthDate?: string;
}

export function isValidCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function checkIdNumber(raw: string, opts: IdNumberOptions = {}): IdNumberCheck {
  const s = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/u.test(s)) return fail('format', '身份证号应为18位，前17位为数字，末位为数字或X');
  if (checkDigit(s.slice(0, 17)) !== s[17]) return fail('checksum', '身份证号校验码错误（GB 11643）');
  if (opts.regionExists && !opts.regionExists(s.slice(0, 6))) return fail('region', `身份证号前6位 ${s.slice(0, 6)} 不是有效的行政区划代码`);
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  if (y < 1900 || !isValidCalendarDate(y, m, d)) return fail('birthDate', '身份证号中的出生日期无效');
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (opts.birthDate && opts.birthDate !== birthDate) return fail('birthDateMismatch', `身份证号中的出生日期 ${birthDate} 与出生日期字段 ${opts.birthDate} 不一致`);
  const gender = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return Object.freeze({ ok: true, birthDate, gender });
}

function fail(problem: IdNumberProblem, message: string): IdNumberCheck {
  return Object.freeze({ ok: false, problem, message });
}

/** Builds a well-formed number, for synthetic fixtures and demo data only (never real people). */
export function composeIdNumber(code6: string, birthDate: string, order: number, gender: 'male' | 'female'): string {
  let seq = Math.abs(Math.trunc(order)) % 1000;
  if ((seq % 2 === 1) !== (gender === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${code6}${birthDate.replace(/-/gu, '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}
