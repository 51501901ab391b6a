import type { EntityType } from './types.ts';

/**
 * One processed span, for the reviewer. Offsets are Unicode code points into the input (of the
 * document, or of the cell/string named by `location` in structured files). `original` never
 * holds the raw text: identifiers appear masked (张*, 3501**********123X); only labels and cues,
 * which identify no one, appear as written.
 */
export interface ReportEntry {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
  readonly original?: string;
  readonly replacement: string;
  /** Operator name: court, pseudonym, mask, generalise, replace, delete, neutralise, keep. */
  readonly operator: string;
  /** The detector (finding.source) that found the span: 'id_card', 'registry', 'column:姓名', … */
  readonly rule: string;
  readonly score: number;
  /** The legal basis for the processing, e.g. 《困境儿童个人信息保护工作办法》第十四条. */
  readonly article: string;
  /** Something a reviewer must act on (第十五条 exploitation cues). */
  readonly flag?: string;
  /** Where in a structured file: '第3行 姓名', 'line 12 $.guardian.name', '第2段'. */
  readonly location?: string;
}

/** A file's report: totals over everything, and entries up to a cap so a 1 GB file's report stays bounded. */
export interface FileReport {
  readonly file: string;
  readonly format: string;
  readonly preset: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly total: number;
  readonly flagged: number;
  readonly entries: readonly ReportEntry[];
  /** Entries left out of `entries` beyond the cap (still counted in `counts`). */
  readonly omitted: number;
}
