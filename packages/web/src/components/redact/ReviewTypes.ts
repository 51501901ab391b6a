import type { RedactFinding, ReportEntry } from '../../api/redact.ts';

/** A finding with what the preset would do to it (the report entry of the same index). */
export interface ReviewItem {
  finding: RedactFinding;
  entry: ReportEntry | undefined;
}

/** The preset itself leaves it as written (统计 keeps category words): nothing to reject. */
export const keptByPreset = (i: ReviewItem): boolean => i.entry?.operator === 'keep';
