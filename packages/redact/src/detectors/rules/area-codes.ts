import { readFileSync } from 'node:fs';

const FILE = new URL('../../../data/landline-area-codes.txt', import.meta.url);

/** 长途区号 (with the leading 0) → "省/市", from JioNLP's list shipped in data/ (see LICENSES.md). */
export function areaCodes(): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    const [code, place] = line.trim().split(/\s+/u);
    if (code && /^0\d{2,3}$/u.test(code)) m.set(code, place ?? '');
  }
  return m;
}
