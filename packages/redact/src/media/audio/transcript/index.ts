import type { TranscriptSegment } from '../audio.types.ts';
import { audioErrors } from '../audio-errors.ts';
import { looksLikeSrt, parseSrt } from './srt.parser.ts';
import { isWebVtt, parseWebVtt } from './webvtt.parser.ts';

export { parseWebVtt } from './webvtt.parser.ts';
export { parseSrt } from './srt.parser.ts';

const MAX_TEXT = 10_000_000;

function checked(segments: readonly unknown[]): TranscriptSegment[] {
  return segments.map((s, i) => {
    const seg = s as Partial<TranscriptSegment> | null;
    const at = `第 ${i + 1} 段`;
    if (!seg || typeof seg !== 'object') throw audioErrors.transcript(`${at}不是 {start, end, text} 对象`);
    const { start, end, text } = seg;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isFinite(start) || !Number.isFinite(end) || start < 0) throw audioErrors.transcript(`${at}的 start、end 须为不小于 0 的秒数`);
    if (end <= start) throw audioErrors.transcript(`${at}的结束时间须晚于开始时间`);
    if (typeof text !== 'string') throw audioErrors.transcript(`${at}的 text 须为字符串`);
    return { start, end, text: text.replace(/\s+/g, ' ').trim() };
  });
}

/**
 * Segments from either form the caller has: an array (from a speech recogniser) or the text of
 * a WebVTT / SRT file. Whatever cannot be read is an error naming the line, never skipped.
 */
export function toSegments(transcript: readonly TranscriptSegment[] | string): TranscriptSegment[] {
  if (Array.isArray(transcript)) return checked(transcript);
  if (typeof transcript !== 'string') throw audioErrors.transcript('须为分段数组，或 WebVTT / SRT 字幕文本');
  if (transcript.length > MAX_TEXT) throw audioErrors.transcript('字幕文本超过 1000 万字符，已拒绝处理');
  if (isWebVtt(transcript)) return parseWebVtt(transcript);
  if (!transcript.trim()) return [];
  if (looksLikeSrt(transcript)) return parseSrt(transcript);
  throw audioErrors.transcript('无法识别的字幕格式：须为 WebVTT（以 WEBVTT 开头）或 SRT（序号、时间行、文字）');
}
