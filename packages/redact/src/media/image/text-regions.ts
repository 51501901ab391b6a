import sharp from 'sharp';
import type { DetectingEngine } from '../../redact.ts';
import type { EntityType } from '../../types.ts';
import { union } from './boxes.ts';
import type { Box } from './image.types.ts';
import { rawInput, type DecodedImage } from './image-input.ts';
import { recogniseWords, type OcrWord } from './tesseract-ocr.ts';

/** One finding of the text engine on one line of the picture. */
export interface TextHit { readonly type: EntityType; readonly text: string; readonly score: number; readonly box: Box }

/** Tesseract reads best when capital letters are 20–40 px high; small pictures are enlarged to this long side. */
const OCR_MIN_SIDE = 1600;
const OCR_MAX_SIDE = 4000;

/**
 * Read the text in a picture and run the redact engine over it: the same detectors, with the
 * same context, as for a document. Each finding maps back to the boxes of the words it came from.
 */
export async function findText(img: DecodedImage, engine: DetectingEngine): Promise<{ hits: TextHit[]; words: number }> {
  const long = Math.max(img.width, img.height);
  const k = long < OCR_MIN_SIDE ? Math.min(3, OCR_MIN_SIDE / long) : Math.min(1, OCR_MAX_SIDE / long);
  let s = sharp(img.data, rawInput(img));
  if (img.channels === 4) s = s.flatten({ background: '#ffffff' });
  if (k !== 1) s = s.resize(Math.round(img.width * k), Math.round(img.height * k), { kernel: 'lanczos3' });
  const png = await s.greyscale().png({ compressionLevel: 1 }).toBuffer();
  const words = (await recogniseWords(png)).map((w) => ({ ...w, box: { x: w.box.x / k, y: w.box.y / k, width: w.box.width / k, height: w.box.height / k } }));
  return { hits: textHits(words, engine), words: words.length };
}

interface Placed { readonly word: OcrWord; readonly start: number; readonly end: number }

const ALNUM = /[A-Za-z0-9]/u;

/**
 * Lines become the document, one per line of text; words on a line are joined without a space
 * (Chinese), except between two Latin letters or digits, where the space was really there.
 */
export function textHits(words: readonly OcrWord[], engine: DetectingEngine): TextHit[] {
  const lines = new Map<string, OcrWord[]>();
  for (const w of words) {
    const l = lines.get(w.line);
    if (l) l.push(w); else lines.set(w.line, [w]);
  }
  let text = '';
  const placed: Placed[] = [];
  for (const line of lines.values()) {
    if (text) text += '\n';
    for (const [i, word] of line.entries()) {
      if (i > 0 && ALNUM.test(text.at(-1) ?? '') && ALNUM.test(word.text[0] ?? '')) text += ' ';
      placed.push({ word, start: text.length, end: text.length + word.text.length });
      text += word.text;
    }
  }
  if (!text) return [];
  const hits: TextHit[] = [];
  for (const f of engine.detect(text)) {
    const byLine = new Map<string, Box>();
    for (const p of placed) {
      if (p.end <= f.start || p.start >= f.end) continue;
      const part = slice(p, Math.max(f.start, p.start), Math.min(f.end, p.end));
      const prev = byLine.get(p.word.line);
      byLine.set(p.word.line, prev ? union(prev, part) : part);
    }
    for (const box of byLine.values()) hits.push({ type: f.type, text: f.text, score: f.score, box: widen(box) });
  }
  return hits;
}

/**
 * The part of a word's box holding characters [from, to): characters are taken as equally wide
 * (true of Chinese, close enough for digits), widened by half a character each way so an
 * estimate that is slightly off still covers the glyphs.
 */
function slice(p: Placed, from: number, to: number): Box {
  const chars = p.end - p.start;
  const b = p.word.box;
  if (from <= p.start && to >= p.end) return b;
  const cw = b.width / chars;
  const x0 = Math.max(b.x, b.x + (from - p.start - 0.5) * cw), x1 = Math.min(b.x + b.width, b.x + (to - p.start + 0.5) * cw);
  return { x: x0, y: b.y, width: x1 - x0, height: b.height };
}

/**
 * Tesseract's LSTM places character boxes only roughly (a glyph can start a third of its width
 * before its box), so a mask reaches a third of the line height past each end and a little above
 * and below.
 */
function widen(b: Box): Box {
  const dx = b.height * 0.35, dy = b.height * 0.15;
  return { x: b.x - dx, y: b.y - dy, width: b.width + 2 * dx, height: b.height + 2 * dy };
}
