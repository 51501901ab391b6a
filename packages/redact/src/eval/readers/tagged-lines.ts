import type { GoldDoc, GoldSpan, ReadProblem, ReadResult } from '../gold.ts';
import type { LabelMap } from '../label-map.ts';

export interface TaggedToken {
  readonly token: string;
  /** Full tag: O, B-PER, I-PER.NAM, S-LOC … */
  readonly tag: string;
}

/** A labelled run of tokens in one sentence, before mapping: label without its B/I prefix. */
export interface TaggedRun {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Sentences of `token<space or tab>tag` lines separated by blank lines (BIO, BIOES/BMES tags).
 * `token` may be more than one character (the address corpus keeps digit runs whole).
 */
export function readTaggedSentences(source: string, tokenOf: (raw: string) => string = (t) => t): { sentences: Array<{ line: number; tokens: TaggedToken[] }>; problems: ReadProblem[] } {
  const sentences: Array<{ line: number; tokens: TaggedToken[] }> = [];
  const problems: ReadProblem[] = [];
  let cur: TaggedToken[] = [];
  let startLine = 1;
  const lines = source.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      if (cur.length) sentences.push({ line: startLine, tokens: cur });
      cur = [];
      return;
    }
    if (!cur.length) startLine = i + 1;
    // The tag is the last field; the token is everything before the separator (never trimmed:
    // a full-width space is a token).
    const m = /^(.+?)[ \t]+(\S+)$/u.exec(line);
    if (!m) {
      problems.push({ line: i + 1, message: `无法读取“${line.slice(0, 40)}”：应为“字符 标签”` });
      return;
    }
    cur.push({ token: tokenOf(m[1]!), tag: m[2]! });
  });
  if (cur.length) sentences.push({ line: startLine, tokens: cur });
  return { sentences, problems };
}

/** Runs of B/I/E/S/M-tagged tokens as character offsets of the joined text. */
export function taggedRuns(tokens: readonly TaggedToken[]): { text: string; runs: TaggedRun[] } {
  let text = '';
  const runs: TaggedRun[] = [];
  let open: { label: string; start: number } | null = null;
  const close = (end: number) => {
    if (open) runs.push({ label: open.label, start: open.start, end });
    open = null;
  };
  for (const { token, tag } of tokens) {
    const start = text.length;
    text += token;
    const m = /^([BIESM])-(.+)$/u.exec(tag);
    if (!m) {
      close(start);
      continue;
    }
    const [, prefix, label] = m as unknown as [string, string, string];
    // A stray I- (no B- before it, or a different label) starts a run rather than vanishing.
    if (prefix === 'B' || prefix === 'S' || !open || open.label !== label) {
      close(start);
      open = { label, start };
    }
    if (prefix === 'E' || prefix === 'S') close(text.length);
  }
  close(text.length);
  return { text, runs };
}

export function mapRuns(runs: readonly TaggedRun[], map: LabelMap): GoldSpan[] {
  const out: GoldSpan[] = [];
  for (const r of runs) {
    const type = map[r.label];
    if (type) out.push({ type, start: r.start, end: r.end });
  }
  return out;
}

export function sentencesToDocs(prefix: string, parsed: ReturnType<typeof readTaggedSentences>, map: LabelMap): ReadResult {
  const docs: GoldDoc[] = parsed.sentences.map((s) => {
    const { text, runs } = taggedRuns(s.tokens);
    return { id: `${prefix}${s.line}`, text, spans: mapRuns(runs, map) };
  });
  return { docs, problems: parsed.problems };
}
