import sharp from 'sharp';
import type { Box } from '../../src/media/image/index.ts';
import type { Pixels } from './pixels.ts';

/** Sensitive values are drawn in pure blue, everything else in near-black or red, so pixels tell them apart. */
export const SENSITIVE = '#0000ff';
export const ORDINARY = '#cc0000';

export interface TextLine { readonly label?: string; readonly value: string; readonly colour: string }

/**
 * A picture of Chinese text (WenQuanYi Micro Hei, Debian fonts-wqy-microhei), one line per entry,
 * label in black then the value in its colour.
 */
export async function textPicture(lines: readonly TextLine[], opts: { width?: number; size?: number; format?: 'png' | 'jpeg' } = {}): Promise<Buffer> {
  const size = opts.size ?? 44, width = opts.width ?? 1200, lead = Math.round(size * 2);
  const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
  const rows = lines.map((l, i) => `<text x="50" y="${80 + i * lead}" font-family="WenQuanYi Micro Hei" font-size="${size}">`
    + `${l.label ? `<tspan fill="#111111">${esc(l.label)}</tspan>` : ''}<tspan fill="${l.colour}">${esc(l.value)}</tspan></text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${80 + lines.length * lead}"><rect width="100%" height="100%" fill="#ffffff"/>${rows.join('')}</svg>`;
  const s = sharp(Buffer.from(svg));
  return (opts.format === 'jpeg' ? s.jpeg({ quality: 92 }) : s.png()).toBuffer();
}

/** Pixels clearly of the given pure hue (anti-aliased edges included once they are half-strength). */
export function isHue(p: Pixels, i: number, hue: 'blue' | 'red'): boolean {
  const r = p.data[i]!, g = p.data[i + 1]!, b = p.data[i + 2]!;
  return hue === 'blue' ? b - Math.max(r, g) > 60 : r - Math.max(g, b) > 60;
}

/** Bounding boxes of each connected run of lines holding pixels of a hue (one per text line). */
export function hueBoxes(p: Pixels, hue: 'blue' | 'red'): Box[] {
  const rows: Array<[number, number, number]> = []; // y, minX, maxX
  for (let y = 0; y < p.height; y++) {
    let min = -1, max = -1;
    for (let x = 0; x < p.width; x++) if (isHue(p, (y * p.width + x) * p.channels, hue)) { if (min < 0) min = x; max = x; }
    if (min >= 0) rows.push([y, min, max]);
  }
  const boxes: Box[] = [];
  for (const [y, min, max] of rows) {
    const last = boxes.at(-1);
    if (last && y <= last.y + last.height + 2) {
      const x0 = Math.min(last.x, min), x1 = Math.max(last.x + last.width, max + 1);
      Object.assign(last, { x: x0, width: x1 - x0, height: y + 1 - last.y });
    } else boxes.push({ x: min, y, width: max + 1 - min, height: 1 });
  }
  return boxes;
}

export function countHue(p: Pixels, hue: 'blue' | 'red'): number {
  let n = 0;
  for (let i = 0; i < p.data.length; i += p.channels) if (isHue(p, i, hue)) n++;
  return n;
}
