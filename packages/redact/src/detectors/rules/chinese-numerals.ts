const DIGITS: Record<string, number> = { '〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

/** "二〇一二" → 2012: a year is written digit by digit. */
export function chineseYear(s: string): number {
  let y = 0;
  for (const ch of s) y = y * 10 + (DIGITS[ch] ?? 0);
  return y;
}

/** "三" → 3, "十" → 10, "十二" → 12, "二十一" → 21, "三十" → 30 (month and day numbers). */
export function chineseSmall(s: string): number {
  const ten = s.indexOf('十');
  if (ten < 0) return DIGITS[s] ?? 0;
  const tens = ten === 0 ? 1 : (DIGITS[s[0]!] ?? 0);
  const units = ten === s.length - 1 ? 0 : (DIGITS[s[ten + 1]!] ?? 0);
  return tens * 10 + units;
}
