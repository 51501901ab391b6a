import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HutongError } from '@hutong/core';
import { defaultEngine, RedactEngine } from '../../engine.ts';
import type { DetectingEngine } from '../../redact.ts';
import type { AudioOptions, AudioResult, MutedSpan } from './audio.types.ts';
import { audioErrors } from './audio-errors.ts';
import { audioFormatOf, looksLike, type AudioFormat } from './audio-format.ts';
import { metadataIn } from './audio-metadata.ts';
import { alterArgs, decodeArgs, encodeArgs, outputEncoding, probeArgs } from './ffmpeg-args.ts';
import { mergeSpans, planMutes } from './mute-plan.ts';
import { wavLayout, type WavLayout } from './riff.ts';
import { runTool, ToolFailure } from './run-tool.ts';
import { silenceSpans } from './silence.ts';
import { toSegments } from './transcript/index.ts';
import { voiceChange, voiceSettings } from './voice-change.ts';

interface Probe { codec: string; sampleRate: number; bitRate?: number; duration: number }

/** Time limits grow with the recording; rubberband runs at roughly a tenth of real time. */
const timeoutMs = (seconds: number): number => 60_000 + 3_000 * seconds;

/** A failed tool run on the caller's file means the file is bad; on our own files, the tool is. */
function toolError(e: unknown, name: string, inputFault: boolean): HutongError {
  if (!(e instanceof ToolFailure)) return e instanceof HutongError ? e : audioErrors.tool('ffmpeg', '运行出错');
  if (e.kind === 'missing') return audioErrors.tool(e.tool, '未安装（需要 ffmpeg 与 ffprobe，含 librubberband）', e);
  if (e.kind === 'timeout') return audioErrors.tool(e.tool, '处理超时', e);
  return inputFault ? audioErrors.corrupt(name) : audioErrors.tool(e.tool, '处理失败', e);
}

async function probe(format: AudioFormat, path: string, name: string, bytes: number): Promise<Probe> {
  let json: { streams?: { codec_name?: string; sample_rate?: string; bit_rate?: string }[]; format?: { duration?: string; bit_rate?: string } };
  try {
    json = JSON.parse((await runTool('ffprobe', probeArgs(format, path), { timeoutMs: 30_000 })).toString('utf8'));
  } catch (e) {
    throw toolError(e, name, true);
  }
  const s = json.streams?.[0];
  const sampleRate = Number(s?.sample_rate);
  if (!s?.codec_name || !(sampleRate > 0)) throw audioErrors.corrupt(name);
  if (format.ffmpeg === 'mp3' && s.codec_name !== 'mp3') throw audioErrors.notAudio(name, format.label);
  const bitRate = Number(s.bit_rate ?? json.format?.bit_rate);
  const duration = Number(json.format?.duration);
  return {
    codec: s.codec_name, sampleRate,
    ...(bitRate > 0 ? { bitRate } : {}),
    // Unknown length: assume the slowest plausible bit rate (8 kbit/s) so the time limit is generous.
    duration: duration > 0 ? duration : bytes / 1000,
  };
}

async function layoutOf(path: string): Promise<WavLayout | undefined> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return wavLayout(head.subarray(0, bytesRead), (await fh.stat()).size);
  } finally {
    await fh.close();
  }
}

function engineFor(opts: AudioOptions): DetectingEngine {
  const base = defaultEngine();
  if (!opts.registry) return base;
  return new RedactEngine({ detectors: [...base.detectors.filter((d) => d.name !== 'registry'), opts.registry] });
}

/**
 * 技术处理 of a recording (第十四条: a child's voice must not identify them): every identifying
 * word the transcript says is silenced, the voice's pitch and formants are moved, and metadata
 * is dropped. Output is the input's container. Any failure throws; nothing unprocessed is
 * ever returned.
 *
 * @param bytes  The recording (a Uint8Array is accepted too).
 * @param name   Its file name; the extension (.wav, .mp3) decides how it is read and written.
 */
export async function processAudio(bytes: Buffer, name: string, opts: AudioOptions = {}): Promise<AudioResult> {
  const input = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as Uint8Array);
  const format = audioFormatOf(name);
  if (!format) throw audioErrors.unsupported(name);
  if (!looksLike(format, input)) throw audioErrors.notAudio(name, format.label);
  // Options and transcript are checked before any work, so a mistake costs nothing.
  const segments = opts.transcript === undefined ? undefined : toSegments(opts.transcript);
  const voice = voiceSettings(opts.pitchSemitones, opts.formantSemitones);

  const dir = await mkdtemp(join(tmpdir(), 'hutong-audio-'));
  try {
    const src = join(dir, `in${format.ext}`);
    const decoded = join(dir, 'decoded.wav');
    const altered = join(dir, 'altered.wav');
    const out = join(dir, `out${format.ext}`);
    await writeFile(src, input);
    const info = await probe(format, src, name, input.length);
    const change = voiceChange(info.sampleRate, voice);
    const timeout = timeoutMs(info.duration);

    try {
      await runTool('ffmpeg', decodeArgs(format, src, decoded), { timeoutMs: timeout });
    } catch (e) {
      throw toolError(e, name, true);
    }
    const layout = await layoutOf(decoded);
    if (!layout) throw audioErrors.corrupt(name);
    if (layout.frames === 0) throw audioErrors.empty(name);
    const duration = layout.frames / layout.sampleRate;

    const muted: MutedSpan[] = segments?.some((s) => s.text) ? planMutes(segments, engineFor(opts), duration) : [];
    const spans = mergeSpans(muted);
    // Silence before the voice change (the words never reach it) and again after it (the
    // time-stretch window smears a few milliseconds of neighbouring sound into the gap).
    await silenceSpans(decoded, layout, spans);
    const filters = [...change.filters, 'asetpts=N/SR/TB', `apad=whole_len=${layout.frames}`, `atrim=end_sample=${layout.frames}`];
    try {
      await runTool('ffmpeg', alterArgs(decoded, filters, altered), { timeoutMs: timeout });
      const alteredLayout = await layoutOf(altered);
      if (!alteredLayout || alteredLayout.frames !== layout.frames) throw audioErrors.tool('ffmpeg', '输出长度与输入不符');
      await silenceSpans(altered, alteredLayout, spans);
      await runTool('ffmpeg', encodeArgs(format, altered, outputEncoding(format, info.codec, info.bitRate), out), { timeoutMs: timeout });
    } catch (e) {
      throw toolError(e, name, false);
    }
    if ((await stat(out)).size === 0) throw audioErrors.tool('ffmpeg', '未产生输出');

    const warnings = segments === undefined || !segments.some((s) => s.text)
      ? ['未提供转写文本（字幕），未能静音录音中读出的姓名、住址、学校等（《困境儿童个人信息保护工作办法》第十四条）；请提供转写文本后重新处理，或人工复核']
      : [];
    return {
      output: await readFile(out),
      mime: format.mime,
      durationSeconds: duration,
      muted,
      voiceAltered: { pitchSemitones: change.pitchSemitones, formantSemitones: change.formantSemitones, formant: change.formant },
      metadataRemoved: metadataIn(format, input),
      ...(warnings.length ? { warnings } : {}),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
