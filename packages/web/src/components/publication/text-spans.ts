import type { PublicationFinding } from '../../api/publications.ts';

/** A stretch of text to mark, in code points (end exclusive). */
export interface Span {
  start: number;
  end: number;
  type: string;
  findingId: string;
  /** Left as written (kept by the reviewer, or the preset's own keep). */
  kept: boolean;
}

const cpLength = (s: string) => Array.from(s).length;

/**
 * Findings of a plain text file (no `location`: offsets count from the top of the file), in
 * order, overlaps dropped — the engine resolves overlaps, so these are only a report cut short.
 */
export function documentSpans(findings: readonly PublicationFinding[]): Span[] {
  const sorted = findings
    .filter((f) => f.location === undefined && f.start !== undefined && f.end !== undefined && f.end > f.start)
    .sort((a, b) => a.start! - b.start!);
  const out: Span[] = [];
  let at = 0;
  for (const f of sorted) {
    if (f.start! < at) continue;
    out.push({ start: f.start!, end: f.end!, type: f.type, findingId: f.id, kept: f.action === 'keep' });
    at = f.end!;
  }
  return out;
}

/** Findings inside one paragraph or cell, whose offsets count from its start. */
export function withinLocation(findings: readonly PublicationFinding[], location: string): PublicationFinding[] {
  return findings.filter((f) => f.location === location).map(({ location: _, ...f }) => f);
}

/** The words each finding covers in the draft, by finding id: what the reviewer judges. */
export function wordsOf(original: string, spans: readonly Span[]): Map<string, string> {
  const chars = Array.from(original);
  return new Map(spans.map((s) => [s.findingId, chars.slice(s.start, s.end).join('')]));
}

/**
 * Where each replacement sits in the processed text: the draft rebuilt from the findings must
 * equal what the server produced, or nothing is marked (a report cut short, a format that
 * rewrites more than the spans) rather than marking the wrong words.
 */
export function processedSpans(original: string, findings: readonly PublicationFinding[], processed: string): Span[] | null {
  const chars = Array.from(original);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const spans = documentSpans(findings);
  const out: Span[] = [];
  let text = '';
  let length = 0;
  let at = 0;
  for (const s of spans) {
    const before = chars.slice(at, s.start).join('');
    text += before;
    length += cpLength(before);
    const f = byId.get(s.findingId)!;
    const replacement = s.kept ? chars.slice(s.start, s.end).join('') : (f.replacement ?? '');
    text += replacement;
    const n = cpLength(replacement);
    if (n) out.push({ ...s, start: length, end: length + n });
    length += n;
    at = s.end;
  }
  text += chars.slice(at).join('');
  return text === processed ? out : null;
}
