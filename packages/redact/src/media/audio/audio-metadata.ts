import type { AudioFormat } from './audio-format.ts';
import { riffChunks } from './riff.ts';

/** Chunks that carry the sound itself or only its layout; any other chunk is metadata. */
const WAV_ESSENTIAL = new Set(['fmt ', 'data', 'fact', 'ds64', 'JUNK', 'junk', 'PAD ', 'FLLR']);

const WAV_NAMES: Record<string, string> = {
  'id3 ': 'ID3v2', 'ID3 ': 'ID3v2', bext: 'bext', iXML: 'iXML', _PMX: 'XMP', axml: 'axml', 'cue ': 'cue', smpl: 'smpl', inst: 'inst', acid: 'acid', DISP: 'DISP',
};

function wavTags(b: Buffer): string[] {
  const out: string[] = [];
  for (const c of riffChunks(b)) {
    if (WAV_ESSENTIAL.has(c.id)) continue;
    out.push(c.id === 'LIST' && c.size >= 4 ? `LIST/${b.toString('latin1', c.offset, c.offset + 4).trim()}` : (WAV_NAMES[c.id] ?? c.id.trim()));
  }
  return out;
}

const syncsafe = (b: Buffer, at: number): number => ((b[at]! & 0x7f) << 21) | ((b[at + 1]! & 0x7f) << 14) | ((b[at + 2]! & 0x7f) << 7) | (b[at + 3]! & 0x7f);

function mp3Tags(b: Buffer): string[] {
  const out: string[] = [];
  // ID3v2 tags at the start, possibly several in a row.
  let at = 0;
  while (at + 10 <= b.length && b.toString('latin1', at, at + 3) === 'ID3') {
    if (!out.includes('ID3v2')) out.push('ID3v2');
    at += 10 + syncsafe(b, at + 6) + (b[at + 5]! & 0x10 ? 10 : 0);
  }
  // Tags appended at the end: ID3v1 last, Lyrics3 and APEv2 before it.
  let end = b.length;
  if (end >= 128 && b.toString('latin1', end - 128, end - 125) === 'TAG') { out.push('ID3v1'); end -= 128; }
  if (end >= 9 && b.toString('latin1', end - 9, end) === 'LYRICS200') out.push('Lyrics3');
  if (b.includes('APETAGEX', Math.max(0, end - 64 * 1024), 'latin1')) out.push('APEv2');
  return out;
}

/** The metadata containers the input carries (ID3v2, ID3v1, APEv2, LIST/INFO, bext …). */
export function metadataIn(format: AudioFormat, b: Buffer): string[] {
  return format.ffmpeg === 'wav' ? wavTags(b) : mp3Tags(b);
}
