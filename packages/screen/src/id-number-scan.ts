/**
 * 居民身份证号 candidates in normalised code points: every 18-character window of a digit run (the
 * last may be X) that opens with a province digit, carries a plausible birth date and passes the
 * GB 11643 MOD 11-2 check character. Normalisation has already removed spaces and dashes and folded
 * full-width digits and "x", so "3501 0220 0901 0112 3x" is one run. Only windows passing all of
 * this are fingerprinted; about one random window in eleven passes the check character alone.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = [0x31, 0x30, 0x58, 0x39, 0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32]; // "10X98765432"
const X = 0x58;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function two(codes: Int32Array, i: number): number {
  return (codes[i]! - 0x30) * 10 + (codes[i + 1]! - 0x30);
}

function plausible(codes: Int32Array, s: number): boolean {
  const p = codes[s]!;
  if (p < 0x31 || p > 0x38) return false;
  const century = two(codes, s + 6), month = two(codes, s + 10), day = two(codes, s + 12);
  return (century === 19 || century === 20) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function checkOk(codes: Int32Array, s: number): boolean {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (codes[s + k]! - 0x30) * WEIGHTS[k]!;
  return CHECK[sum % 11] === codes[s + 17];
}

/** Calls `found(viewStart, idNumber)` for each candidate window. */
export function scanIdNumbers(codes: Int32Array, length: number, found: (start: number, id: string) => void): void {
  for (let i = 0; i < length; ) {
    if (!isDigit(codes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < length && isDigit(codes[j]!)) j++;
    const end = j < length && codes[j] === X ? j + 1 : j;
    for (let s = i; s + 18 <= end; s++) {
      if (plausible(codes, s) && checkOk(codes, s)) found(s, String.fromCharCode(...codes.subarray(s, s + 18)));
    }
    i = end;
  }
}
