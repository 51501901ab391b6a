import type { RegistryDetector } from '../../detectors/registry/index.ts';
import type { EntityType } from '../../types.ts';

/** What was said between two moments of the recording (seconds from its start). */
export interface TranscriptSegment { start: number; end: number; text: string }

export interface AudioOptions {
  /** Segments, or the text of a WebVTT / SRT file. Without it no span can be muted (see `warnings`). */
  transcript?: TranscriptSegment[] | string;
  /** Default -4: a clearly different but intelligible voice. |value| must be 2–12. */
  pitchSemitones?: number;
  /**
   * How far the spectral envelope (formants: the size of the vocal tract) moves, -12–12;
   * default half the pitch shift, so the pitch-to-formant relation of the voice changes too.
   */
  formantSemitones?: number;
  /** The registry's exact names, schools and villages (same detector the text engine takes). */
  registry?: RegistryDetector;
}

export interface MutedSpan { start: number; end: number; type: EntityType; text: string; reason: string }

export interface AudioResult {
  output: Buffer;
  mime: 'audio/wav' | 'audio/mpeg';
  durationSeconds: number;
  /** One entry per finding, in time order; overlapping spans are silenced once. */
  muted: MutedSpan[];
  voiceAltered: { pitchSemitones: number; formant: string; formantSemitones?: number };
  /** Metadata containers the input carried and the output does not (ID3v2, ID3v1, LIST/INFO …). */
  metadataRemoved?: string[];
  /** Things a reviewer must know, e.g. that no transcript was given so nothing was muted. */
  warnings?: string[];
}
