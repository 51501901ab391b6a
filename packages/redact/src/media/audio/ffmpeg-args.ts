import type { AudioFormat } from './audio-format.ts';

/**
 * Options every ffmpeg/ffprobe run gets: no stdin, only local files (a crafted input cannot
 * make ffmpeg open a URL or another file, as HLS/concat tricks do) and the demuxer forced to
 * the container the name announced, never guessed from the content.
 */
const SAFE_INPUT = ['-protocol_whitelist', 'file'];
const QUIET = ['-nostdin', '-hide_banner', '-loglevel', 'error'];

const file = (path: string): string => `file:${path}`;

export function probeArgs(format: AudioFormat, input: string): string[] {
  return ['-v', 'error', ...SAFE_INPUT, '-f', format.ffmpeg, '-select_streams', 'a:0',
    '-show_entries', 'stream=codec_name,sample_rate,channels,bit_rate:format=duration,bit_rate', '-of', 'json', file(input)];
}

/**
 * Decode the first audio stream to 32-bit float WAV with timestamps counted in samples. Any
 * decoding error aborts (-xerror): a skipped frame would shift every later moment of the
 * transcript, and the mutes with it.
 */
export function decodeArgs(format: AudioFormat, input: string, output: string): string[] {
  return [...QUIET, '-xerror', ...SAFE_INPUT, '-f', format.ffmpeg, '-i', file(input),
    '-map', '0:a:0', '-af', 'asetpts=N/SR/TB', '-c:a', 'pcm_f32le', '-f', 'wav', '-y', file(output)];
}

/** PCM codecs written back as they came; anything else inside a WAV (ADPCM, GSM …) becomes 16-bit PCM. */
const KEEP_WAV_CODECS = new Set(['pcm_u8', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le', 'pcm_f64le', 'pcm_alaw', 'pcm_mulaw']);

export interface Encoding { readonly codec: string; readonly bitRate?: number }

export function outputEncoding(format: AudioFormat, codec: string, bitRate: number | undefined): Encoding {
  if (format.ffmpeg === 'wav') return { codec: KEEP_WAV_CODECS.has(codec) ? codec : 'pcm_s16le' };
  // Same bit rate as the input (a voice recording should not grow fourfold), within LAME's range.
  const rate = bitRate && Number.isFinite(bitRate) ? Math.min(320_000, Math.max(32_000, bitRate)) : 128_000;
  return { codec: 'libmp3lame', bitRate: rate };
}

/** Apply the voice change, keeping 32-bit float WAV so the spans can be silenced again after it. */
export function alterArgs(input: string, filters: readonly string[], output: string): string[] {
  return [...QUIET, '-xerror', ...SAFE_INPUT, '-f', 'wav', '-i', file(input), '-map', '0:a:0',
    '-af', filters.join(','), '-c:a', 'pcm_f32le', '-f', 'wav', '-y', file(output)];
}

/**
 * Encode to the input's container. No metadata, chapters or tags are carried over, and the
 * muxers are told to write none of their own (bitexact: no encoder LIST/INFO chunk; no ID3).
 */
export function encodeArgs(format: AudioFormat, input: string, enc: Encoding, output: string): string[] {
  return [...QUIET, '-xerror', ...SAFE_INPUT, '-f', 'wav', '-i', file(input), '-map', '0:a:0',
    '-map_metadata', '-1', '-map_chapters', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact',
    '-c:a', enc.codec, ...(enc.bitRate ? ['-b:a', String(enc.bitRate)] : []),
    ...(format.ffmpeg === 'mp3' ? ['-id3v2_version', '0', '-write_id3v1', '0'] : []),
    '-f', format.ffmpeg, '-y', file(output)];
}
