import { AhoCorasick } from '../../detectors/registry/index.ts';
import { ARTICLES } from '../../presets/articles.ts';
import type { DetectingEngine } from '../../redact.ts';
import { resolveOverlaps } from '../../resolve.ts';
import { ENTITY_TYPES, type EntityType, type Finding } from '../../types.ts';
import type { MutedSpan, TranscriptSegment } from './audio.types.ts';
import { audioErrors } from './audio-errors.ts';
import { cumulativeWeights, spokenSpan } from './span-timing.ts';
import { seconds } from './transcript/timestamp.ts';

/** Wording (labels, fund-raising cues) is a matter for the script, not something to silence. */
const NOT_IDENTIFYING = new Set<EntityType>(['LABEL', 'EXPLOIT_CUE']);

const NAMED_IN_14: Partial<Record<EntityType, string>> = { PERSON: '姓名', ADDRESS: '家庭住址', SCHOOL: '就读学校' };

export function muteReason(type: EntityType): string {
  const named = NAMED_IN_14[type];
  return named
    ? `${ARTICLES.measures14}：不得公开困境儿童的${named}，录音中读出处已静音（技术处理）`
    : `${ARTICLES.measures14}：${ENTITY_TYPES[type]}可识别儿童身份，属"可能对其造成不良影响的其他内容"，录音中读出处已静音（技术处理）`;
}

/** A transcript a second longer than the recording was made for another recording. */
const LATE_TOLERANCE = 1;

/**
 * A detected string is muted wherever it is said again, even where no detector fired on that
 * occurrence (the text engine does the same, redact.ts `propagate`).
 */
function withRecurrences(text: string, found: readonly Finding[]): Finding[] {
  const byText = new Map<string, Finding>();
  for (const f of found) if (f.text.length >= 2 && !byText.has(f.text)) byText.set(f.text, f);
  if (!byText.size) return [...found];
  const extra: Finding[] = [];
  for (const m of new AhoCorasick([...byText.keys()].map((t) => [t, t] as const)).findAll(text)) {
    const f = byText.get(m.value)!;
    extra.push({ ...f, start: m.start, end: m.end, source: `${f.source}+recurrence` });
  }
  return resolveOverlaps([...found, ...extra]);
}

/**
 * Where the identifying words of the transcript were spoken. The engine reads the whole
 * transcript at once (a nickname counts as a name once the full name was said earlier);
 * each finding's time is estimated within its segment by its position in the text.
 */
export function planMutes(segments: readonly TranscriptSegment[], engine: DetectingEngine, duration: number): MutedSpan[] {
  segments.forEach((s, i) => {
    if (s.end > duration + LATE_TOLERANCE) throw audioErrors.transcript(`第 ${i + 1} 段结束于 ${seconds(s.end)}，超出录音时长 ${seconds(duration)}：字幕与录音可能不匹配，已拒绝处理`);
  });
  const starts: number[] = [];
  let text = '';
  for (const s of segments) {
    starts.push(text.length);
    text += `${s.text}\n`;
  }
  const found = withRecurrences(text, engine.detect(text).filter((f) => !NOT_IDENTIFYING.has(f.type)));
  const out: MutedSpan[] = [];
  segments.forEach((seg, i) => {
    const from = starts[i]!;
    const to = from + seg.text.length;
    const mine = found.filter((f) => f.start < to && f.end > from);
    if (!mine.length) return;
    const cum = cumulativeWeights(seg.text);
    for (const f of mine) {
      // A span the engine let run over the line break is cut back to what this segment says.
      const a = Math.max(f.start, from) - from;
      const b = Math.min(f.end, to) - from;
      const said = seg.text.slice(a, b).trim();
      const span = spokenSpan(seg, cum, a, b, duration);
      if (said && span.end > span.start) out.push({ ...span, type: f.type, text: said, reason: muteReason(f.type) });
    }
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The union of the spans: what is actually silenced. */
export function mergeSpans(spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}
