import { open } from 'node:fs/promises';
import type { WavLayout } from './riff.ts';

const ZEROS = Buffer.alloc(1 << 20);

/**
 * Overwrites the samples of each span with zeros, in place, in one of our 32-bit float
 * intermediate WAVs (zero bytes are 0.0). Exact to the sample — the first and last sample a span
 * touches are included — and cheap: a filter expression evaluated per sample in ffmpeg costs
 * more than the voice change itself.
 */
export async function silenceSpans(path: string, layout: WavLayout, spans: readonly { start: number; end: number }[]): Promise<void> {
  if (!spans.length) return;
  const fh = await open(path, 'r+');
  try {
    for (const s of spans) {
      const from = Math.max(0, Math.floor(s.start * layout.sampleRate));
      const to = Math.min(layout.frames, Math.ceil(s.end * layout.sampleRate));
      for (let at = from * layout.blockAlign, end = to * layout.blockAlign; at < end; at += ZEROS.length) {
        await fh.write(ZEROS, 0, Math.min(ZEROS.length, end - at), layout.dataOffset + at);
      }
    }
  } finally {
    await fh.close();
  }
}
