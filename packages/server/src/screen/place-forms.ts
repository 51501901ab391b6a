import { getDivisions } from '@hutong/divisions';
import type { PlaceForm } from '@hutong/screen';

/**
 * How people write a child's village and township (the division tree's short form: 双源村, not
 * 双源村民委员会), and how many places in the country are written the same way — 新村 names
 * hundreds, so 张伟 + 新村 says little; a unique village name says much (@hutong/screen strength).
 */
let counts: Map<string, number> | undefined;

function key(level: 4 | 5, form: string): string {
  return `${level}:${form}`;
}

function multiplicities(): Map<string, number> {
  if (counts) return counts;
  const raw = getDivisions().rawUnits();
  const m = new Map<string, number>();
  for (let i = 0; i < raw.size; i++) {
    if (raw.placeholder[i]) continue;
    const mask = raw.levelMask[i]!;
    for (const level of [4, 5] as const) {
      if (!(mask & (1 << level))) continue;
      const k = key(level, raw.shortName(i) ?? raw.names[i]!);
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  return (counts = m);
}

function formOf(code: string, level: 4 | 5): PlaceForm | undefined {
  const d = getDivisions().get(code);
  if (!d || d.placeholder) return undefined;
  const text = d.shortName ?? d.name;
  return { text, multiplicity: multiplicities().get(key(level, text)) ?? 1 };
}

/** The village (when the code is a village) and the township containing the region code. */
export function placeFormsOf(regionCode: string): { villages: PlaceForm[]; townships: PlaceForm[] } {
  const villages: PlaceForm[] = [], townships: PlaceForm[] = [];
  if (!/^\d{12}$/u.test(regionCode)) return { villages, townships };
  if (!regionCode.endsWith('000')) {
    const v = formOf(regionCode, 5);
    if (v) villages.push(v);
  }
  if (!regionCode.slice(6).startsWith('000')) {
    const t = formOf(`${regionCode.slice(0, 9)}000`, 4);
    if (t) townships.push(t);
  }
  return { villages, townships };
}
