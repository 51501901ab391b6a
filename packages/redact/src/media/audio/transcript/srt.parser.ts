import type { TranscriptSegment } from '../audio.types.ts';
import { audioErrors } from '../audio-errors.ts';
import { blocks } from './blocks.ts';
import { cueText } from './cue-text.ts';
import { parseTimestamp, seconds } from './timestamp.ts';

/** "00:00:01,000 --> 00:00:04,000", optionally followed by X1:… Y2:… coordinates. */
const TIMING = /^(\S+)[ \t]*-->[ \t]*(\S+)(?:[ \t].*)?$/;

export const looksLikeSrt = (text: string): boolean => {
  const first = blocks(text)[0]?.lines;
  return !!first && (/^\d+$/.test(first[0]!.trim()) || first[0]!.includes('-->'));
};

/** SRT subtitles as segments; every block must be "[index] / timing / text". */
export function parseSrt(text: string): TranscriptSegment[] {
  const out: TranscriptSegment[] = [];
  for (const b of blocks(text)) {
    const t = /^\d+$/.test(b.lines[0]!.trim()) ? 1 : 0;
    const timing = b.lines[t];
    if (timing === undefined || !timing.includes('-->')) throw audioErrors.transcript('缺少时间行（形如 00:00:01,000 --> 00:00:04,000）', b.line + t);
    const m = TIMING.exec(timing.trim());
    const start = m ? parseTimestamp(m[1]!, 'srt') : undefined;
    const end = m ? parseTimestamp(m[2]!, 'srt') : undefined;
    if (start === undefined || end === undefined) throw audioErrors.transcript(`时间格式无效：${timing.trim().slice(0, 60)}（应为 时:分:秒,毫秒，如 00:00:01,000）`, b.line + t);
    if (end <= start) throw audioErrors.transcript(`结束时间 ${seconds(end)} 须晚于开始时间 ${seconds(start)}`, b.line + t);
    const payload = b.lines.slice(t + 1);
    const stray = payload.findIndex((l) => l.includes('-->'));
    if (stray >= 0) throw audioErrors.transcript('字幕文字中不能出现 "-->"（可能缺少空行分隔）', b.line + t + 1 + stray);
    const words = cueText(payload);
    if (words) out.push({ start, end, text: words });
  }
  return out;
}
