import type { Box } from './image.types.ts';

export const area = (b: Box): number => Math.max(0, b.width) * Math.max(0, b.height);

export function intersection(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const i = intersection(a, b);
  return i ? i / (area(a) + area(b) - i) : 0;
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Whole pixels that cover the box completely, inside the image; null when nothing is left. */
export function clampToImage(b: Box, width: number, height: number): Box | null {
  const x0 = Math.max(0, Math.floor(b.x)), y0 = Math.max(0, Math.floor(b.y));
  const x1 = Math.min(width, Math.ceil(b.x + b.width)), y1 = Math.min(height, Math.ceil(b.y + b.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** Grow a box by fractions of its own size on each side. */
export function pad(b: Box, p: { left: number; right: number; top: number; bottom: number }): Box {
  const x = b.x - b.width * p.left, y = b.y - b.height * p.top;
  return { x, y, width: b.width * (1 + p.left + p.right), height: b.height * (1 + p.top + p.bottom) };
}

export const scale = (b: Box, s: number, dx = 0, dy = 0): Box => ({ x: b.x * s + dx, y: b.y * s + dy, width: b.width * s, height: b.height * s });

/** Reading order: top-to-bottom, then left-to-right; integer coordinates so the order is stable. */
export const readingOrder = (a: Box, b: Box): number => Math.round(a.y) - Math.round(b.y) || Math.round(a.x) - Math.round(b.x);
