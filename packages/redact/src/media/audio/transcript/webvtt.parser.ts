import type { TranscriptSegment } from '../audio.types.ts';
import { audioErrors } from '../audio-errors.ts';
import { blocks } from './blocks.ts';
import { cueText } from './cue-text.ts';
import { parseTimestamp, seconds } from './timestamp.ts';

/** "start --> end" and optional cue settings (position, align …), which do not matter here. */
const TIMING = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/;

export const isWebVtt = (text: string): boolean => /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/.test(text);

/**
 * WebVTT cues as segments. Stricter than a player on purpose: a block that is neither a cue,
 * a NOTE, STYLE nor REGION is an error rather than skipped, since the words a skipped block
 * carries would never be checked for a name to mute.
 */
export function parseWebVtt(text: string): TranscriptSegment[] {
  if (!isWebVtt(text)) throw audioErrors.transcript('WebVTT 字幕须以 WEBVTT 开头', 1);
  const out: TranscriptSegment[] = [];
  const all = blocks(text);
  if (all[0]!.lines.some((l) => l.includes('-->'))) throw audioErrors.transcript('WEBVTT 头部与第一条字幕之间须有空行', all[0]!.line);
  for (const b of all.slice(1)) {
    const first = b.lines[0]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const t = first.includes('-->') ? 0 : 1; // an optional cue identifier precedes the timing line
    const timing = b.lines[t];
    if (timing === undefined || !timing.includes('-->')) throw audioErrors.transcript('缺少时间行（形如 00:01.000 --> 00:04.000）', b.line);
    const m = TIMING.exec(timing.trim());
    const start = m ? parseTimestamp(m[1]!, 'vtt') : undefined;
    const end = m ? parseTimestamp(m[2]!, 'vtt') : undefined;
    if (start === undefined || end === undefined) throw audioErrors.transcript(`时间格式无效：${timing.trim().slice(0, 60)}（应为 [时:]分:秒.毫秒，如 00:01.000）`, b.line + t);
    if (end <= start) throw audioErrors.transcript(`结束时间 ${seconds(end)} 须晚于开始时间 ${seconds(start)}`, b.line + t);
    const payload = b.lines.slice(t + 1);
    const stray = payload.findIndex((l) => l.includes('-->'));
    if (stray >= 0) throw audioErrors.transcript('字幕文字中不能出现 "-->"（可能缺少空行分隔）', b.line + t + 1 + stray);
    const words = cueText(payload);
    if (words) out.push({ start, end, text: words });
  }
  return out;
}
