import { AhoCorasick } from './detectors/registry/aho-corasick.ts';
import { codePointOffsets } from './offsets.ts';
import { DocState, maskFinding } from './operators/index.ts';
import { resolvePolicy, type PolicyInput, type PresetName, type ResolvedPolicy } from './presets/index.ts';
import type { ReportEntry } from './report.types.ts';
import { resolveOverlaps } from './resolve.ts';
import type { Detector, Finding } from './types.ts';

/** What redaction needs of an engine: `RedactEngine`, or a stub in tests. */
export interface DetectingEngine {
  detect(text: string): Finding[];
  readonly detectors?: readonly Detector[];
}

export interface RedactOptions {
  /** Default 'news'. A policy's own `preset` wins. */
  readonly preset?: PresetName;
  /**
   * Policy overrides — parsed JSON of the shape `PolicyInput`, checked here (a bad key is a
   * HUTONG_VALIDATION error naming it) — or an already resolved policy.
   */
  readonly policy?: PolicyInput | ResolvedPolicy | object;
  /** Reviewer-edited spans (UTF-16 offsets): used instead of running the engine. */
  readonly findings?: readonly Finding[];
  /** Share one state across the chunks, rows or cells of one file so names stay consistent. */
  readonly state?: DocState;
  /** Names a 化名 must never be, besides the registry's (taken from the engine's registry detector). */
  readonly avoidNames?: Iterable<string>;
  /** Put a masked form of each original in the report (default true). */
  readonly includeOriginal?: boolean;
  /** Prefix for report entries' `location`. */
  readonly location?: string;
}

export interface RedactResult {
  readonly text: string;
  /** The spans processed (UTF-16 offsets into the input), in text order, non-overlapping. */
  readonly findings: readonly Finding[];
  readonly report: readonly ReportEntry[];
}

/** Accepts a resolved policy as is, so files and streams check the policy once. */
export function toPolicy(opts: Pick<RedactOptions, 'preset' | 'policy'>): ResolvedPolicy {
  const p = opts.policy as ResolvedPolicy | undefined;
  if (p && typeof p === 'object' && 'rules' in p && 'keepTypes' in p) return p;
  return resolvePolicy(opts.policy ?? {}, opts.preset ?? 'news');
}

/** The registry's person names, when the engine carries a registry detector. */
export function registryNames(engine: DetectingEngine): string[] {
  const out: string[] = [];
  for (const d of engine.detectors ?? []) {
    const terms = (d as { terms?: { persons?: readonly string[] } }).terms;
    if (d.name === 'registry' && terms?.persons) out.push(...terms.persons);
  }
  return out;
}

/** A fresh per-document state for this policy and engine. */
export function newDocState(engine: DetectingEngine, policy: ResolvedPolicy, avoidNames: Iterable<string> = []): DocState {
  return new DocState({ avoid: [...registryNames(engine), ...avoidNames], pseudonymStyle: policy.pseudonymStyle });
}

/**
 * A detected string is processed wherever it recurs, even where no detector fired on that
 * occurrence: 李小花 found once must not survive in the next paragraph.
 */
function propagate(text: string, findings: readonly Finding[], policy: ResolvedPolicy): Finding[] {
  const byText = new Map<string, Finding>();
  for (const f of findings) {
    if (policy.rules[f.type].op === 'keep' || policy.keepTexts.has(f.text.trim()) || f.text.length < 2) continue;
    if (!byText.has(f.text)) byText.set(f.text, f);
  }
  if (!byText.size) return [...findings];
  const covered = new Uint8Array(text.length + 1);
  for (const f of findings) covered.fill(1, f.start, f.end);
  const extra: Finding[] = [];
  for (const m of new AhoCorasick([...byText.keys()].map((t) => [t, t] as const)).findAll(text)) {
    if (covered.subarray(m.start, m.end).some((c) => c === 1)) continue;
    const f = byText.get(m.value)!;
    extra.push({ ...f, start: m.start, end: m.end, source: `${f.source}+recurrence` });
  }
  return extra.length ? resolveOverlaps([...findings, ...extra]) : [...findings];
}

const SHOW_AS_WRITTEN = new Set(['LABEL', 'EXPLOIT_CUE']);

/**
 * Detect and process one text. The output never contains a processed span's original text
 * (including recurrences the detectors missed), except for spans the policy keeps.
 *
 * @param engine  `new RedactEngine({ registry })`, or anything with `detect(text)`.
 * @param text    The document.
 * @param opts    `{ preset: 'news' | 'judgment' | 'aid_list' | 'stats', policy }` and, for files, a shared `state`.
 * @returns The processed text, the spans processed (UTF-16) and report entries (code points).
 */
export function redactText(engine: DetectingEngine, text: string, opts: RedactOptions = {}): RedactResult {
  const policy = toPolicy(opts);
  // Spans from a reviewer may carry stale text: the slice is what gets replaced, so it is what counts.
  const detected = opts.findings ? resolveOverlaps(opts.findings.map((f) => ({ ...f, text: text.slice(f.start, f.end) }))) : engine.detect(text);
  const findings = propagate(text, detected, policy);
  const state = opts.state ?? newDocState(engine, policy, opts.avoidNames);
  state.plan(findings, text);
  const cp = codePointOffsets(text);
  const parts: string[] = [];
  const report: ReportEntry[] = [];
  let at = 0;
  for (const f of findings) {
    const kept = policy.keepTexts.has(f.text.trim());
    const rule = kept ? { ...policy.rules[f.type], op: 'keep' as const, operator: (x: Finding) => x.text } : policy.rules[f.type];
    const replacement = rule.operator(f, state);
    parts.push(text.slice(at, f.start), replacement);
    at = f.end;
    report.push({
      type: f.type, start: cp(f.start), end: cp(f.end),
      ...(opts.includeOriginal === false ? {} : { original: SHOW_AS_WRITTEN.has(f.type) ? f.text : maskFinding(f) }),
      replacement, operator: rule.op, rule: f.source, score: f.score, article: rule.article,
      ...(rule.flag ? { flag: rule.flag } : {}),
      ...(opts.location ? { location: opts.location } : {}),
    });
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), findings, report };
}
