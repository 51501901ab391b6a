import { area, intersection, iou, scale, union } from './boxes.ts';
import { faceApi } from './face-model.ts';
import type { Box } from './image.types.ts';
import { opaqueRgb, type DecodedImage } from './image-input.ts';

export interface FaceBox { readonly box: Box; readonly score: number }

export interface FaceDetectOptions {
  /** SSD score below which a box is dropped. */
  readonly minConfidence?: number;
  /** Also look at overlapping tiles, so small faces in group photos are found (default true). */
  readonly tiles?: boolean;
  /** Tile side in detection-frame pixels (default 512); larger tiles are fewer but see less detail. */
  readonly tileSize?: number;
}

/**
 * Missing a child's face costs more than blurring a patch of wall, so the threshold sits low;
 * at 0.3 every face in the sample photos is found and no box lands on the backgrounds or on
 * eight photos without faces (measure-faces.ts).
 */
export const MIN_CONFIDENCE = 0.3;
/** Detection works on at most this many pixels along the long side; boxes are scaled back. */
const FRAME = 2048;
/**
 * SSD MobileNet sees 512×512, so on a whole 1920-px frame it misses most faces under ~140 px.
 * Tiles of 512 px (no downscaling) find every 40-px face of the synthetic group pictures and half
 * of the 30-px ones; 768-px tiles found 56% and 12% at 60% of the CPU (measure-faces.ts,
 * benchmarks §6). A missed face is a child's portrait published; a box on a patch of wall is one
 * click (误识别) for the reviewer, so recall wins.
 */
const TILE = 512;

/**
 * Faces in an upright decoded image, in its pixel coordinates, unpadded, highest score first.
 * The whole frame is searched once (large faces), then overlapping tiles (small ones); boxes that
 * are the same face seen twice are merged into their union, so a face cut by a tile edge is still
 * covered whole.
 */
export async function detectFaces(img: DecodedImage, opts: FaceDetectOptions = {}): Promise<FaceBox[]> {
  const faceapi = await faceApi();
  const { tf } = faceapi;
  const minConfidence = opts.minConfidence ?? MIN_CONFIDENCE;
  const frame = await opaqueRgb(img, FRAME);
  const full = tf.tensor3d(Int32Array.from(frame.data), [frame.height, frame.width, 3], 'int32');
  const found: FaceBox[] = [];
  try {
    for (const r of regions(frame.width, frame.height, opts.tiles === false ? 0 : opts.tileSize ?? TILE)) {
      const input = r.whole ? full : tf.slice(full, [r.y, r.x, 0], [r.height, r.width, 3]);
      try {
        const dets = await faceapi.detectAllFaces(input as never, new faceapi.SsdMobilenetv1Options({ minConfidence, maxResults: 200 }));
        for (const d of dets) {
          const b = { x: d.box.x + r.x, y: d.box.y + r.y, width: d.box.width, height: d.box.height };
          found.push({ box: scale(b, 1 / frame.scale), score: d.score });
        }
      } finally {
        if (input !== full) input.dispose();
      }
    }
  } finally {
    full.dispose();
  }
  return merge(found);
}

interface Region { x: number; y: number; width: number; height: number; whole: boolean }

function regions(width: number, height: number, tile: number): Region[] {
  const out: Region[] = [{ x: 0, y: 0, width, height, whole: true }];
  if (!tile || Math.max(width, height) <= tile * 1.25) return out;
  // A quarter of a tile is more than the largest face the whole-frame pass can miss (measure-faces.ts).
  const overlap = Math.round(tile / 4);
  const spans = (len: number): Array<[number, number]> => {
    // Tiles may stretch 15% rather than add a row or column for a sliver.
    const n = Math.max(1, Math.ceil((len - overlap) / (tile * 1.15 - overlap)));
    const size = Math.min(len, Math.ceil((len + (n - 1) * overlap) / n));
    return Array.from({ length: n }, (_, i) => [Math.min(i * (size - overlap), len - size), size]);
  };
  for (const [y, h] of spans(height)) for (const [x, w] of spans(width)) out.push({ x, y, width: w, height: h, whole: false });
  return out;
}

/** Same face if the boxes overlap a lot, or one mostly lies inside the other (a face cut by a tile edge). */
function sameFace(a: Box, b: Box): boolean {
  return iou(a, b) > 0.3 || intersection(a, b) > 0.6 * Math.min(area(a), area(b));
}

export function merge(boxes: readonly FaceBox[]): FaceBox[] {
  const rest = [...boxes].sort((a, b) => b.score - a.score);
  const out: FaceBox[] = [];
  while (rest.length) {
    const best = rest.shift()!;
    let box = best.box;
    for (let i = rest.length - 1; i >= 0; i--) {
      if (sameFace(best.box, rest[i]!.box)) { box = union(box, rest[i]!.box); rest.splice(i, 1); }
    }
    out.push({ box, score: best.score });
  }
  return out;
}
