import sharp from 'sharp';
import { defaultEngine, RedactEngine } from '../../engine.ts';
import { ARTICLES, PRESETS } from '../../presets/index.ts';
import { ENTITY_TYPES, type EntityType } from '../../types.ts';
import { clampToImage, pad, readingOrder } from './boxes.ts';
import { detectFaces } from './face-detector.ts';
import { imageErrors } from './image-errors.ts';
import { decodeImage, type DecodedImage } from './image-input.ts';
import type { Box, ImageFinding, ImageOptions, ImageResult } from './image.types.ts';
import { applyPatches, encode, regionPatch } from './region-effects.ts';
import { tesseractStatus } from './tesseract-ocr.ts';
import { findText } from './text-regions.ts';

/** SSD boxes run from the brows to the chin; hair and ears identify a child too. */
const FACE_PAD = { left: 0.2, right: 0.2, top: 0.4, bottom: 0.15 };

/** Text a reader could use to find the child is covered; labels and cues are for the reviewer (第十五条). */
const REVIEW_ONLY = new Set<EntityType>(['LABEL', 'EXPLOIT_CUE']);

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

const FACE_REASON = {
  blurred: `人脸（肖像）已模糊处理：不得公开困境儿童肖像，确需使用的应做技术处理（${ARTICLES.measures14}）`,
  pixelated: `人脸（肖像）已马赛克处理：不得公开困境儿童肖像，确需使用的应做技术处理（${ARTICLES.measures14}）`,
  kept: `审核人标记为已依法取得同意且确需使用，保留原样（${ARTICLES.measures13}）`,
} as const;

/**
 * 技术处理 of one photo for publication (第十三、十四条): faces blurred or pixelated, identifying
 * text (names, ID numbers, phones, addresses, schools …) masked, all metadata dropped.
 *
 * The output is encoded from decoded pixels in the input's format (JPEG, PNG or WebP), upright.
 * Bad input is a HUTONG_VALIDATION error and nothing is returned; without tesseract, reading
 * text is an error unless `ocr: false` says the picture holds none.
 */
export async function processImage(input: Buffer, opts: ImageOptions = {}): Promise<ImageResult> {
  checkOptions(opts);
  const img = await decodeImage(input);
  const ocr = opts.ocr !== false;
  if (ocr) {
    const s = await tesseractStatus();
    if (!s.ok) throw imageErrors.ocrUnavailable(s.reason);
  }
  const faces = await faceFindings(img, opts);
  const text = ocr ? await textFindings(img, opts) : { findings: [], words: 0 };
  // Faces first, text masks last: a mask must never be covered by a neighbouring face's blur.
  const patches = await Promise.all([...faces, ...text.findings]
    .filter((f) => f.action !== 'kept')
    .map((f) => regionPatch(img, f.box, f.action === 'masked' ? 'mask' : f.action === 'pixelated' ? 'pixelate' : 'blur')));
  const output = await encode(img, applyPatches(img, patches));
  await assertNoMetadata(output);
  return {
    output, mime: MIME[img.format], width: img.width, height: img.height,
    findings: [...faces, ...text.findings], metadataRemoved: img.metadataRemoved, ocr: { ran: ocr, words: text.words },
  };
}

const ID = /^face-(?:0|[1-9]\d*)$/u;

function checkOptions(opts: ImageOptions): void {
  if (opts.faces !== undefined && opts.faces !== 'blur' && opts.faces !== 'pixelate') {
    throw imageErrors.badOption('faces', '人脸处理方式只能是 blur（模糊）或 pixelate（马赛克）');
  }
  if (opts.ocr !== undefined && typeof opts.ocr !== 'boolean') throw imageErrors.badOption('ocr', 'ocr 须为 true 或 false');
  if (opts.keepFaces !== undefined) {
    if (!Array.isArray(opts.keepFaces)) throw imageErrors.badOption('keepFaces', 'keepFaces 须为人脸编号数组，例如 ["face-0"]');
    const bad = opts.keepFaces.filter((id) => typeof id !== 'string' || !ID.test(id));
    if (bad.length) throw imageErrors.badOption('keepFaces', `无效的人脸编号：${bad.map(String).join('、')}（应为 face-0、face-1 …）`);
  }
  if (opts.registry !== undefined && typeof opts.registry?.detect !== 'function') throw imageErrors.badOption('registry', '名册检测器无效');
}

async function faceFindings(img: DecodedImage, opts: ImageOptions): Promise<ImageFinding[]> {
  const found = await detectFaces(img);
  const placed = found
    .map((f) => ({ box: clampToImage(pad(f.box, FACE_PAD), img.width, img.height), score: f.score }))
    .filter((f): f is { box: Box; score: number } => f.box !== null)
    .sort((a, b) => readingOrder(a.box, b.box));
  const keep = new Set(opts.keepFaces ?? []);
  const unknown = [...keep].filter((id) => Number(id.slice(5)) >= placed.length);
  // A decision about a face that is not in this picture was made on another result: say so rather than guess.
  if (unknown.length) throw imageErrors.badOption('keepFaces', `图片中没有人脸 ${unknown.join('、')}（共检测到 ${placed.length} 张人脸），请重新审核`);
  const processed = opts.faces === 'pixelate' ? 'pixelated' : 'blurred';
  return placed.map((f, i) => {
    const id = `face-${i}`;
    const action = keep.has(id) ? 'kept' : processed;
    return { id, kind: 'face', box: f.box, score: round(f.score), action, reason: FACE_REASON[action] };
  });
}

async function textFindings(img: DecodedImage, opts: ImageOptions): Promise<{ findings: ImageFinding[]; words: number }> {
  const engine = opts.registry ? new RedactEngine({ detectors: [...defaultEngine().detectors, opts.registry] }) : defaultEngine();
  const { hits, words } = await findText(img, engine);
  const findings: ImageFinding[] = [];
  const placed = hits
    .map((h) => ({ ...h, box: clampToImage(h.box, img.width, img.height) }))
    .filter((h): h is typeof h & { box: Box } => h.box !== null)
    .sort((a, b) => readingOrder(a.box, b.box));
  for (const h of placed) {
    const label = ENTITY_TYPES[h.type];
    const reviewOnly = REVIEW_ONLY.has(h.type);
    findings.push({
      id: `text-${findings.length}`, kind: 'text', box: h.box, score: round(h.score), type: h.type, text: h.text,
      action: reviewOnly ? 'kept' : 'masked',
      reason: reviewOnly
        ? `${label}，图片中未遮盖，请人工复核：不得将困境儿童标签化或利用其信息募捐、带货（${ARTICLES.measures15}）`
        : `图片中的${label}已遮盖（${PRESETS.news.rules[h.type].article}）`,
    });
  }
  return { findings, words };
}

async function assertNoMetadata(output: Buffer): Promise<void> {
  const m = await sharp(output).metadata();
  const left = [m.exif && 'EXIF', m.xmp && 'XMP', m.iptc && 'IPTC', m.icc && 'ICC', m.comments?.length && 'comment'].filter((x): x is string => !!x);
  if (left.length) throw imageErrors.metadataLeft(left);
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

const EXTENSIONS = /\.(jpe?g|png|webp)$/iu;
/** Whether a file name is a picture processImage takes (.jpg .jpeg .png .webp). */
export const isImageFile = (name: string): boolean => EXTENSIONS.test(name);
