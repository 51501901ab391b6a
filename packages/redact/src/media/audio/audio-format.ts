import { extname } from 'node:path';

/** A container we read and write back unchanged in kind: WAV in, WAV out; MP3 in, MP3 out. */
export interface AudioFormat {
  readonly ext: '.wav' | '.mp3';
  /** ffmpeg demuxer/muxer name, forced on input so a hostile file cannot pick another demuxer. */
  readonly ffmpeg: 'wav' | 'mp3';
  readonly mime: 'audio/wav' | 'audio/mpeg';
  readonly label: string;
}

const FORMATS: Record<string, AudioFormat> = {
  '.wav': { ext: '.wav', ffmpeg: 'wav', mime: 'audio/wav', label: 'WAV' },
  '.mp3': { ext: '.mp3', ffmpeg: 'mp3', mime: 'audio/mpeg', label: 'MP3' },
};

export function audioFormatOf(name: string): AudioFormat | undefined {
  return FORMATS[extname(name).toLowerCase()];
}

export function isAudioFile(name: string): boolean {
  return audioFormatOf(name) !== undefined;
}

const ascii = (b: Buffer, at: number, s: string): boolean => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;

/**
 * Whether the bytes start as the named container says: RIFF/RF64/BW64 + WAVE, or an MP3 that
 * opens with an ID3v2 tag or an MPEG audio frame sync. Checked before any tool sees the file.
 */
export function looksLike(format: AudioFormat, b: Buffer): boolean {
  if (format.ffmpeg === 'wav') return (ascii(b, 0, 'RIFF') || ascii(b, 0, 'RF64') || ascii(b, 0, 'BW64')) && ascii(b, 8, 'WAVE');
  if (ascii(b, 0, 'ID3')) return true;
  // Frame sync (11 bits), a defined MPEG version and layer, and a bitrate index that is not "bad".
  return b.length >= 4 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x18) !== 0x08 && (b[1]! & 0x06) !== 0 && (b[2]! & 0xf0) !== 0xf0;
}
