/**
 * 第十五条 "不得将困境儿童标签化": a status word (孤儿, 留守儿童, 残疾 …) is a label when it sits next
 * to someone identifiable. "Next to" is the same paragraph or cell within a short distance of a
 * name or other identifier, or, in a picture, any face in the same image (a poster captioned
 * 留守儿童 labels whoever is shown).
 */
import type { ElementFact } from './publication-types.ts';

/** Code points between the label and an identifier in the same paragraph or cell. */
export const LABEL_DISTANCE = 40;

/** Identifiers that make a label point at a particular child. */
const NEAR_TYPES = new Set(['PERSON', 'ID_CARD', 'SCHOOL', 'ADDRESS', 'DATE_OF_BIRTH', 'FACE']);

export interface LabelNearChild {
  readonly label: ElementFact;
  readonly near: readonly ElementFact[];
}

function gap(a: ElementFact, b: ElementFact): number {
  if (a.start === undefined || a.end === undefined || b.start === undefined || b.end === undefined) return Infinity;
  return a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0;
}

/** The table row of a cell location as the engine writes it ('第3行 姓名', '名单 第3行 类别'), or null. */
function rowOf(location: string | undefined): string | null {
  return location?.match(/^(.*第\d+行)(?:\s|$)/u)?.[1] ?? null;
}

function isNear(label: ElementFact, other: ElementFact): boolean {
  if (other.file !== label.file) return false;
  // A face has no position in the text: any label in the same image points at it.
  if (other.type === 'FACE') return true;
  const row = rowOf(label.location);
  if (row !== null && row === rowOf(other.location)) return true;
  return other.location === label.location && gap(label, other) <= LABEL_DISTANCE;
}

/** Every label (not judged a false detection) with the identifiers it sits next to. */
export function labelsNextToChildren(elements: readonly ElementFact[]): LabelNearChild[] {
  const live = elements.filter((e) => !e.removed);
  const out: LabelNearChild[] = [];
  for (const label of live.filter((e) => e.type === 'LABEL')) {
    const near = live.filter((e) => NEAR_TYPES.has(e.type) && isNear(label, e));
    if (near.length) out.push({ label, near });
  }
  return out;
}
