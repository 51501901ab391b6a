/** WebVTT: [hh:]mm:ss.ttt — hours optional, the fraction exactly three digits. */
const VTT = /^(?:(\d{1,4}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
/** SRT: hh:mm:ss,ttt — a full stop is accepted too, as many tools write one. */
const SRT = /^(\d{1,4}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$/;

/** Seconds, or undefined when the text is not a timestamp of that style. */
export function parseTimestamp(text: string, style: 'vtt' | 'srt'): number | undefined {
  const m = (style === 'vtt' ? VTT : SRT).exec(text);
  if (!m) return undefined;
  const [, h, min, s, frac] = m;
  return Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s) + Number(frac!.padEnd(3, '0')) / 1000;
}

/** "12.3 秒" style for messages; three decimals would be noise to a reviewer. */
export const seconds = (t: number): string => `${Math.round(t * 100) / 100} 秒`;
