import type { TranscriptSegment } from './audio.types.ts';

/**
 * Relative speaking time of each character. A Chinese character or a digit is about one
 * syllable; a Latin letter about a third of one; sentence punctuation is a pause. Markup-free
 * text is assumed (transcript/cue-text.ts).
 */
function weight(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Nd}]/u.test(ch)) return 1;
  if (/\p{L}/u.test(ch)) return 0.35;
  if (/[。！？；…!?;]/u.test(ch)) return 1;
  if (/[，、：,:—]/u.test(ch)) return 0.5;
  return 0;
}

const isLow = (text: string, i: number): boolean =>
  i > 0 && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;

/**
 * cum[i] = speaking weight of text[0, i) in UTF-16 units (a surrogate pair counts once).
 * Punctuation before the first and after the last word weighs nothing: a segment's times mark
 * where speech starts and ends, so there is no pause to account for there.
 */
export function cumulativeWeights(text: string): Float64Array {
  const w = new Float64Array(text.length);
  for (let i = 0; i < text.length; i++) w[i] = isLow(text, i) ? 0 : weight(text.codePointAt(i)!);
  const spoken = (i: number): boolean => /[\p{L}\p{N}]/u.test(String.fromCodePoint(text.codePointAt(isLow(text, i) ? i - 1 : i)!));
  for (let i = 0; i < text.length && !spoken(i); i++) w[i] = 0;
  for (let i = text.length - 1; i >= 0 && !spoken(i); i--) w[i] = 0;
  const cum = new Float64Array(text.length + 1);
  for (let i = 0; i < text.length; i++) cum[i + 1] = cum[i]! + w[i]!;
  // Text of symbols only: fall back to spreading by length rather than dividing by zero.
  if (cum[text.length] === 0) for (let i = 0; i <= text.length; i++) cum[i] = i;
  return cum;
}

/**
 * The estimate is proportional, so its error grows with the segment: pad by a fixed quarter
 * second (a syllable) plus 8 % of the segment's length on each side. Muting a syllable too
 * many is harmless; leaving half of a name audible is not.
 */
export const PAD_SECONDS = 0.25;
export const PAD_SHARE = 0.08;

/**
 * When the characters [a, b) of a segment's text were probably spoken, padded, and kept within
 * the segment (plus the fixed pad, since speech often starts a little before a cue) and the
 * recording.
 */
export function spokenSpan(seg: TranscriptSegment, cum: Float64Array, a: number, b: number, duration: number): { start: number; end: number } {
  const total = cum[cum.length - 1]!;
  const len = seg.end - seg.start;
  const pad = PAD_SECONDS + PAD_SHARE * len;
  const from = seg.start + (len * cum[a]!) / total - pad;
  const to = seg.start + (len * cum[b]!) / total + pad;
  return {
    start: Math.max(0, seg.start - PAD_SECONDS, from),
    end: Math.min(duration, seg.end + PAD_SECONDS, to),
  };
}
