import type { EntityType, Finding } from './types.ts';

/**
 * Precedence when spans overlap: checksummed identifiers beat everything, then the longer span,
 * then the higher score. LABEL and EXPLOIT_CUE may sit inside other spans only when the other
 * span wins; a cue inside a name is dropped, a name inside an address is dropped (the address
 * covers it).
 */
const PRIORITY: Record<EntityType, number> = {
  ID_CARD: 10, BANK_CARD: 9, PASSPORT: 9, PHONE: 8, EMAIL: 8, QQ: 7, WECHAT: 7, PLATE: 7,
  DATE_OF_BIRTH: 6, ADDRESS: 5, SCHOOL: 5, PERSON: 4, LABEL: 2, EXPLOIT_CUE: 2,
};

function better(a: Finding, b: Finding): boolean {
  const pa = PRIORITY[a.type], pb = PRIORITY[b.type];
  if (pa >= 8 || pb >= 8) { if (pa !== pb) return pa > pb; }
  const la = a.end - a.start, lb = b.end - b.start;
  if (la !== lb) return la > lb;
  if (a.score !== b.score) return a.score > b.score;
  return pa > pb;
}

/** Non-overlapping findings in text order; ties broken as above. O(n log n). */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of sorted) {
    if (f.end <= f.start) continue;
    const last = out[out.length - 1];
    if (!last || f.start >= last.end) { out.push(f); continue; }
    if (better(f, last)) {
      // f wins: drop every kept finding it overlaps (only the tail can overlap in a sorted sweep).
      while (out.length && out[out.length - 1]!.end > f.start && better(f, out[out.length - 1]!)) out.pop();
      const prev = out[out.length - 1];
      if (!prev || prev.end <= f.start) out.push(f);
    }
  }
  return out;
}
