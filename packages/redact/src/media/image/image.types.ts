import type { RegistryDetector } from '../../detectors/registry/index.ts';
import type { EntityType } from '../../types.ts';

/** Pixels, in the output image's orientation (after EXIF rotation). */
export interface Box { x: number; y: number; width: number; height: number }

export interface ImageFinding {
  /** Stable for the same input: 'face-0', 'face-1' … (top-to-bottom, then left-to-right), 'text-0' … */
  id: string;
  kind: 'face' | 'text';
  box: Box;
  score: number;
  /** For text: the engine's entity type (PERSON, ID_CARD, PHONE, SCHOOL, ADDRESS …). */
  type?: EntityType;
  /** For text findings only: the recognised text (shown to reviewers only, never published). */
  text?: string;
  action: 'blurred' | 'pixelated' | 'masked' | 'kept';
  /** Chinese, cites the article. */
  reason: string;
}

export interface ImageOptions {
  /** Default 'blur'. */
  faces?: 'blur' | 'pixelate';
  /** Finding ids a reviewer marked consented-and-needed (第十三条): left as they are. */
  keepFaces?: string[];
  /** Default true. Without tesseract, true (or unset) is an error rather than a silent skip; false means no text findings. */
  ocr?: boolean;
  /** The same extra detector the text engine takes (detectors/registry). */
  registry?: RegistryDetector;
}

export interface ImageResult {
  output: Buffer;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  findings: ImageFinding[];
  /** What the input carried and the output does not: 'EXIF', 'GPS', 'EXIF thumbnail', 'XMP', 'IPTC', 'ICC', 'comment'. */
  metadataRemoved: string[];
  /** Whether text in the picture was read (false only with `ocr: false`), and how many words were recognised. */
  ocr?: { ran: boolean; words: number };
}
