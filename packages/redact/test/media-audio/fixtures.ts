import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TranscriptSegment } from '../../src/media/audio/index.ts';
import { decode, type Pcm } from './signal.ts';

/** espeak-ng's Mandarin voice, female variant raised towards a child's pitch (~200 Hz). */
const VOICE = ['-v', 'cmn+f2', '-p', '70'];
const RATE = 22050;

/** Synthetic speech for one phrase (deterministic: the same text gives the same samples). */
export function speak(text: string): Float32Array {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-espeak-'));
  try {
    const file = join(dir, 'p.wav');
    execFileSync('espeak-ng', [...VOICE, '-w', file, text]);
    return decode(readFileSync(file), '.wav', RATE).samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds from the start of a clip to its last sample louder than -40 dBFS (espeak pads with silence). */
export function speechEnd(x: Float32Array): number {
  for (let i = x.length - 1; i >= 0; i--) if (Math.abs(x[i]!) > 0.01) return (i + 1) / RATE;
  return 0;
}

export interface Recording {
  readonly pcm: Pcm;
  readonly segments: TranscriptSegment[];
}

/**
 * Phrases spoken one after another with a pause between them, and the transcript saying when
 * each was spoken — what a speech recogniser or a subtitler would deliver.
 */
export function record(phrases: readonly string[], gap = 0.6): Recording {
  const parts: Float32Array[] = [];
  const segments: TranscriptSegment[] = [];
  let at = Math.round(gap * RATE);
  parts.push(new Float32Array(at));
  for (const text of phrases) {
    const x = speak(text);
    const end = speechEnd(x);
    segments.push({ start: at / RATE, end: at / RATE + end, text });
    parts.push(x, new Float32Array(Math.round(gap * RATE)));
    at += x.length + Math.round(gap * RATE);
  }
  const samples = new Float32Array(at);
  let o = 0;
  for (const p of parts) { samples.set(p, o); o += p.length; }
  return { pcm: { samples, rate: RATE }, segments };
}

/** A chunk: id, size, body, pad byte for odd sizes. */
function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/**
 * 16-bit mono WAV, optionally with a LIST/INFO chunk (INAM title, IART artist) in UTF-8 the
 * way many recorders write it — the metadata the output must not carry.
 */
export function wav(p: Pcm, tags?: { title: string; artist: string }): Buffer {
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(p.rate, 4);
  fmt.writeUInt32LE(p.rate * 2, 8);
  fmt.writeUInt16LE(2, 12);
  fmt.writeUInt16LE(16, 14);
  const data = Buffer.alloc(p.samples.length * 2);
  p.samples.forEach((s, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 32767))), i * 2));
  const info = tags
    ? [chunk('LIST', Buffer.concat([Buffer.from('INFO', 'latin1'), chunk('INAM', Buffer.from(`${tags.title}\0`)), chunk('IART', Buffer.from(`${tags.artist}\0`))]))]
    : [];
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), chunk('fmt ', fmt), ...info, chunk('data', data)]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** MP3 at 64 kbit/s through ffmpeg/LAME, with ID3v2.3 and ID3v1 tags carrying the title. */
export function mp3(source: Buffer, tags: { title: string; artist: string }): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hutong-mp3-'));
  try {
    const src = join(dir, 'in.wav');
    const out = join(dir, 'out.mp3');
    writeFileSync(src, source);
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', src, '-metadata', `title=${tags.title}`, '-metadata', `artist=${tags.artist}`,
      '-id3v2_version', '3', '-write_id3v1', '1', '-c:a', 'libmp3lame', '-b:a', '64k', out]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
