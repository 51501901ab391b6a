import { redactText } from '../redact.ts';
import type { Finding } from '../types.ts';
import type { FormatContext } from './format-context.ts';
import type { Line } from './lines.ts';
import { joinBlock, processLines } from './text.format.ts';

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/u;
const BLOCK_PREFIX = /^(?:[ \t]*(?:>|#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|\[[ xX]\](?=[ \t])))+/u;
const RULE_OR_TABLE_SEP = /^[ \t]*(?:(?:[-*_][ \t]*){3,}|\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?)[ \t]*$/u;
const LINK = /(!?\[)([^\]\n]*)(\]\()([^)\s]*)((?:[ \t]+"[^"\n]*")?)(\))/gu;
const REF_DEF = /^([ \t]{0,3}\[[^\]\n]+\]:[ \t]*)(\S+)/u;
const TAG = /<[^>\n]*>/gu;
const AUTOLINK = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>$/u;
const EMPHASIS = /[*_~`\\|]+/gu;
const WORD = /[0-9A-Za-z]/u;

interface Marked {
  /** 1 = markup, never part of a replacement. */
  readonly prot: Uint8Array;
  /**
   * Link destinations and HTML tags: detected on their own, so tel:/mailto: links and alt="…"
   * are processed while the markup around them stays.
   */
  readonly urls: [number, number][];
}

/**
 * Markup positions on one line. Detection runs on a copy where these are blanked (same length,
 * so offsets carry over): `**张三**` is seen as 张三 and the asterisks survive.
 */
export function markLine(text: string, inFence: boolean): Marked & { fence: boolean } {
  const prot = new Uint8Array(text.length);
  const urls: [number, number][] = [];
  const fence = FENCE.test(text);
  if (fence) { prot.fill(1); return { prot, urls, fence: true }; }
  if (inFence) return { prot, urls, fence: false };
  if (RULE_OR_TABLE_SEP.test(text)) { prot.fill(1); return { prot, urls, fence: false }; }
  const prefix = BLOCK_PREFIX.exec(text);
  if (prefix) prot.fill(1, 0, prefix[0].length);
  for (const m of text.matchAll(LINK)) {
    const at = m.index;
    const open = m[1]!.length, label = m[2]!.length, mid = m[3]!.length, url = m[4]!.length, title = m[5]!;
    prot.fill(1, at, at + open);
    const u = at + open + label;
    prot.fill(1, u, u + mid + url);
    if (url) urls.push([u + mid, u + mid + url]);
    const t = u + mid + url;
    if (title) { prot.fill(1, t, t + title.indexOf('"') + 1); prot[t + title.length - 1] = 1; }
    prot[t + title.length] = 1;
  }
  const ref = REF_DEF.exec(text);
  if (ref) { prot.fill(1, 0, ref[1]!.length); urls.push([ref[1]!.length, ref[0].length]); prot.fill(1, ref[1]!.length, ref[0].length); }
  for (const m of text.matchAll(TAG)) {
    prot.fill(1, m.index, m.index + m[0].length);
    const auto = AUTOLINK.exec(m[0]);
    urls.push(auto ? [m.index + 1, m.index + 1 + auto[1]!.length] : [m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(EMPHASIS)) {
    const before = text[m.index - 1] ?? '', after = text[m.index + m[0].length] ?? '';
    // 3501**********123X and wxid_abc are data, not markup.
    if (!(WORD.test(before) && WORD.test(after)) || m[0].includes('`')) prot.fill(1, m.index, m.index + m[0].length);
  }
  return { prot, urls, fence: false };
}

/** The longest stretch of a finding free of markup, or null when nothing is left. */
function clip(f: Finding, prot: Uint8Array, text: string): Finding | null {
  let best: [number, number] | null = null;
  let s = -1;
  for (let i = f.start; i <= f.end; i++) {
    const free = i < f.end && prot[i] === 0;
    if (free && s < 0) s = i;
    if (!free && s >= 0) { if (!best || i - s > best[1] - best[0]) best = [s, i]; s = -1; }
  }
  if (!best) return null;
  if (best[0] === f.start && best[1] === f.end) return f;
  const t = text.slice(best[0], best[1]).trim();
  if (!t) return null;
  const start = best[0] + text.slice(best[0], best[1]).indexOf(t);
  return { ...f, start, end: start + t.length, text: t };
}

export async function redactMarkdownFile(ctx: FormatContext): Promise<void> {
  let inFence = false;
  await processLines(ctx, (lines: readonly Line[], shift: number) => {
    const real = joinBlock(lines);
    const prot = new Uint8Array(real.length);
    const urls: [number, number][] = [];
    let at = 0;
    for (const l of lines) {
      const m = markLine(l.text, inFence);
      if (m.fence) inFence = !inFence;
      prot.set(m.prot, at);
      for (const [s, e] of m.urls) urls.push([at + s, at + e]);
      at += l.text.length + (l.newline ? 1 : 0);
    }
    let view = '';
    let from = 0;
    for (let i = 0; i <= real.length; i++) {
      if (i === real.length || prot[i] === 1) {
        view += real.slice(from, i);
        if (i < real.length) view += real[i] === '\n' ? '\n' : ' ';
        from = i + 1;
      }
    }
    const findings: Finding[] = [];
    for (const f of ctx.engine.detect(view)) {
      const c = clip(f, prot, real);
      if (c) findings.push(c.text === real.slice(c.start, c.end) ? c : { ...c, text: real.slice(c.start, c.end) });
    }
    for (const [s, e] of urls) {
      for (const f of ctx.engine.detect(real.slice(s, e))) findings.push({ ...f, start: f.start + s, end: f.end + s });
    }
    const r = redactText(ctx.engine, real, { policy: ctx.policy, state: ctx.state, findings, includeOriginal: ctx.opts.includeOriginal });
    ctx.report.add(r.report, undefined, shift);
    return r.text;
  });
}
