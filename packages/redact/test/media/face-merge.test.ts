import { describe, expect, it } from 'vitest';
import { clampToImage, pad, readingOrder } from '../../src/media/image/boxes.ts';
import { merge } from '../../src/media/image/face-detector.ts';

const b = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('merging detections from the whole frame and the tiles', () => {
  it('a face cut by a tile edge merges with the whole-frame box into their union', () => {
    const out = merge([{ box: b(100, 100, 80, 100), score: 0.7 }, { box: b(100, 100, 40, 100), score: 0.9 }]);
    expect(out).toEqual([{ box: b(100, 100, 80, 100), score: 0.9 }]);
  });

  it('the same face seen twice, slightly shifted, is one face covering both', () => {
    const out = merge([{ box: b(100, 100, 80, 100), score: 0.8 }, { box: b(110, 95, 80, 100), score: 0.6 }]);
    expect(out).toEqual([{ box: b(100, 95, 90, 105), score: 0.8 }]);
  });

  it('neighbouring faces stay apart', () => {
    const out = merge([{ box: b(100, 100, 80, 100), score: 0.8 }, { box: b(175, 100, 80, 100), score: 0.9 }]);
    expect(out.map((f) => f.box.x)).toEqual([175, 100]);
  });
});

describe('box arithmetic', () => {
  it('pads by fractions of the box and clamps to whole pixels inside the picture', () => {
    const p = pad(b(100, 100, 100, 100), { left: 0.2, right: 0.2, top: 0.4, bottom: 0.15 });
    expect([p.x, p.y, p.width, p.height].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([80, 60, 140, 155]);
    expect(clampToImage(b(-10.5, 5.2, 50, 20.1), 30, 20)).toEqual(b(0, 5, 30, 15));
    expect(clampToImage(b(40, 0, 10, 10), 30, 20)).toBeNull();
  });

  it('reading order: top to bottom, then left to right', () => {
    const boxes = [b(300, 10, 5, 5), b(10, 200, 5, 5), b(20, 10, 5, 5)];
    expect([...boxes].sort(readingOrder)).toEqual([b(20, 10, 5, 5), b(300, 10, 5, 5), b(10, 200, 5, 5)]);
  });
});
