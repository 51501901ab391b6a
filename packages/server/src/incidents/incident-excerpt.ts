import { redactText, type DetectingEngine, type EntityType, type Finding } from '@hutong/redact';

/**
 * The evidence an incident keeps of a post (第五条 处置 needs to show what was found; 个人信息保护法
 * 第六条 minimum): for each cluster of evidence spans, about 20 characters either side, processed
 * with the 'news' preset (化名, places no finer than the county, ID numbers deleted, labels
 * neutralised). The evidence spans themselves are always processed, whatever the engine finds —
 * the scanner found them with the registry's keys, which the engine does not have — so the
 * excerpt never repeats the child's name, village, school or ID number.
 */
export interface EvidenceSpan {
  readonly kind: string;
  /** Code points, end exclusive (as hits carry them). */
  readonly start: number;
  readonly end: number;
}

export interface Excerpt {
  readonly kinds: string[];
  readonly excerpt: string;
}

export const EXCERPT_CONTEXT = 20;
/** A cluster wider than this is cut in two, so an excerpt stays a glimpse, not a copy. */
const MAX_CLUSTER = 80;
const ALNUM = /^[0-9A-Za-z_@.+-]$/u;

const TYPE_OF: Readonly<Record<string, EntityType>> = {
  name: 'PERSON', guardian_name: 'PERSON', village: 'ADDRESS', township: 'ADDRESS', school: 'SCHOOL', id_number: 'ID_CARD',
};
const PRIORITY: Partial<Record<EntityType, number>> = { ID_CARD: 4, ADDRESS: 3, SCHOOL: 2, PERSON: 1 };
const rank = (t: EntityType) => PRIORITY[t] ?? 0;

interface Span { start: number; end: number; type: EntityType; meta?: Finding['meta'] }

/**
 * Evidence spans absorb every engine finding they touch, repeatedly (a span grown by one finding
 * may then touch another): a partial overlap must never leave half a name showing.
 */
function mergeWithEvidence(window: string, evidence: readonly Span[], engineFindings: readonly Finding[]): Finding[] {
  let spans: Span[] = evidence.map((s) => ({ ...s }));
  let rest = [...engineFindings];
  for (let changed = true; changed;) {
    changed = false;
    const keep: Finding[] = [];
    for (const f of rest) {
      const hit = spans.find((s) => f.start < s.end && s.start < f.end);
      if (!hit) {
        keep.push(f);
        continue;
      }
      hit.start = Math.min(hit.start, f.start);
      hit.end = Math.max(hit.end, f.end);
      if (rank(f.type) >= rank(hit.type)) {
        hit.type = f.type;
        // The engine's facts (an address's county) let the operator keep what courts may show.
        if (f.meta) hit.meta = f.meta;
      }
      changed = true;
    }
    rest = keep;
    const merged: Span[] = [];
    for (const s of spans.sort((a, b) => a.start - b.start)) {
      const last = merged[merged.length - 1];
      if (last && s.start < last.end) {
        last.end = Math.max(last.end, s.end);
        if (rank(s.type) > rank(last.type)) Object.assign(last, { type: s.type, meta: s.meta });
      } else merged.push(s);
    }
    spans = merged;
  }
  const own = spans.map((s): Finding => ({
    type: s.type, start: s.start, end: s.end, text: window.slice(s.start, s.end), score: 1, source: 'screening_evidence', ...(s.meta ? { meta: s.meta } : {}),
  }));
  return [...rest, ...own].sort((a, b) => a.start - b.start);
}

function clusters(spans: readonly EvidenceSpan[]): EvidenceSpan[][] {
  const out: EvidenceSpan[][] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const cur = out[out.length - 1];
    const from = cur?.[0]?.start ?? 0;
    const to = cur ? Math.max(...cur.map((c) => c.end)) : 0;
    if (cur && s.start <= to + 2 * EXCERPT_CONTEXT && Math.max(to, s.end) - from <= MAX_CLUSTER) cur.push(s);
    else out.push([s]);
  }
  return out;
}

/** Excerpts of `text` around the evidence; spans outside the text are ignored. */
export function excerptsOf(engine: DetectingEngine, text: string, evidence: readonly EvidenceSpan[]): Excerpt[] {
  const cps = [...text];
  const valid = evidence.filter((e) => e.start >= 0 && e.end <= cps.length && e.end > e.start && TYPE_OF[e.kind]);
  const out: Excerpt[] = [];
  for (const group of clusters(valid)) {
    let from = Math.max(0, group[0]!.start - EXCERPT_CONTEXT);
    let to = Math.min(cps.length, Math.max(...group.map((g) => g.end)) + EXCERPT_CONTEXT);
    // Never cut through a number or a handle: a cut ID or phone number escapes its checksum rule.
    for (let n = 0; n < 40 && from > 0 && ALNUM.test(cps[from - 1]!) && ALNUM.test(cps[from]!); n++) from--;
    for (let n = 0; n < 40 && to < cps.length && ALNUM.test(cps[to - 1]!) && ALNUM.test(cps[to]!); n++) to++;
    const window = cps.slice(from, to).join('');
    // Code points → UTF-16 indices inside the window (an Ext-B 𠮷 is two units).
    const u16 = (cp: number) => cps.slice(from, from + cp).join('').length;
    const spans = group.map((g) => ({ start: u16(g.start - from), end: u16(g.end - from), type: TYPE_OF[g.kind]! }));
    const findings = mergeWithEvidence(window, spans, engine.detect(window));
    const { text: processed } = redactText(engine, window, { preset: 'news', findings });
    out.push({
      kinds: [...new Set(group.map((g) => g.kind))],
      excerpt: `${from > 0 ? '…' : ''}${processed.replace(/\s+/gu, ' ').trim()}${to < cps.length ? '…' : ''}`,
    });
  }
  return out;
}
