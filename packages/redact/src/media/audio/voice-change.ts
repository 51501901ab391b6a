import { audioErrors } from './audio-errors.ts';

export const DEFAULT_PITCH = -4;

export interface VoiceChange {
  readonly pitchSemitones: number;
  /** Actual envelope shift after the resampling rate is rounded to a whole number of hertz. */
  readonly formantSemitones: number;
  /** ffmpeg filters, in order. */
  readonly filters: readonly string[];
  /** What was applied, in words, for the review report. */
  readonly formant: string;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function checkShift(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < -12 || value > 12) {
    throw audioErrors.option(field, `${field} 须为 -12 到 12 之间的半音数`);
  }
  return value;
}

export interface VoiceSettings { readonly pitch: number; readonly formant: number }

/** Checked before any work starts, so a bad option costs nothing. */
export function voiceSettings(pitch: unknown = DEFAULT_PITCH, formant?: unknown): VoiceSettings {
  const p = checkShift('pitchSemitones', pitch);
  if (Math.abs(p) < 2) throw audioErrors.pitchTooSmall(p);
  return { pitch: p, formant: formant === undefined ? p / 2 : checkShift('formantSemitones', formant) };
}

/**
 * Pitch and formants moved by different amounts, in two steps:
 * 1. resample (asetrate + aresample): everything — pitch and the spectral envelope that carries
 *    the formants — moves by `formant` semitones, and the recording becomes longer or shorter;
 * 2. rubberband with formant=preserved restores the duration (tempo) and moves the pitch the
 *    rest of the way while keeping the envelope where step 1 put it.
 * A single pitch shift (sox `pitch`, rubberband formant=shifted) moves both by the same ratio,
 * which keeps the speaker's pitch-to-vocal-tract relation and sounds like the same voice played
 * at another speed; moving them apart changes that relation as well.
 */
export function voiceChange(sampleRate: number, settings: VoiceSettings): VoiceChange {
  const { pitch: p, formant: f } = settings;
  const rate = Math.round(sampleRate * 2 ** (f / 12));
  const envelope = rate / sampleRate;
  const rest = 2 ** (p / 12) / envelope;
  const filters = [
    ...(rate === sampleRate ? [] : [`asetrate=${rate}`, `aresample=${sampleRate}`]),
    `rubberband=tempo=${(1 / envelope).toFixed(9)}:pitch=${rest.toFixed(9)}:formant=preserved`,
  ];
  const fs = round2(12 * Math.log2(envelope));
  const formantText = rate === sampleRate
    ? `共振峰未移动（ffmpeg rubberband formant=preserved），音高 ${round2(p)} 半音`
    : `ffmpeg asetrate 重采样使音高与共振峰（频谱包络）同移 ${fs} 半音，再以 rubberband formant=preserved 只移音高 ${round2(12 * Math.log2(rest))} 半音：音高共 ${round2(p)} 半音，共振峰 ${fs} 半音`;
  return { pitchSemitones: p, formantSemitones: fs, filters, formant: formantText };
}
