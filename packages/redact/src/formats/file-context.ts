import type { ReportEntry } from '../report.types.ts';
import type { RedactOptions } from '../redact.ts';

export interface RedactProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Spans processed so far. */
  readonly findings: number;
}

export interface RedactFileOptions extends Omit<RedactOptions, 'findings' | 'state' | 'location'> {
  readonly onProgress?: (p: RedactProgress) => void;
  /** Report entries kept in memory (default 10 000); the rest are counted only. */
  readonly maxReportEntries?: number;
  /** Every entry as it is produced, for callers that stream the full report elsewhere. */
  readonly onEntry?: (e: ReportEntry) => void;
  /** Longest line (text, Markdown, JSONL) or CSV record accepted, in bytes (default 10 MB). */
  readonly maxLineBytes?: number;
}

/** Collects a file's report in bounded memory and throttles progress callbacks. */
export class ReportCollector {
  readonly counts: Record<string, number> = {};
  readonly entries: ReportEntry[] = [];
  total = 0;
  flagged = 0;
  omitted = 0;
  private lastProgress = 0;
  private bytes = 0;

  constructor(private readonly opts: RedactFileOptions, private readonly totalBytes: number) {}

  add(entries: readonly ReportEntry[], location?: string, shift = 0): void {
    const cap = this.opts.maxReportEntries ?? 10_000;
    for (const e0 of entries) {
      const e = location || shift ? { ...e0, start: e0.start + shift, end: e0.end + shift, ...(location ? { location } : {}) } : e0;
      this.total++;
      this.counts[e.type] = (this.counts[e.type] ?? 0) + 1;
      if (e.flag) this.flagged++;
      if (this.entries.length < cap) this.entries.push(e);
      else this.omitted++;
      this.opts.onEntry?.(e);
    }
  }

  progress(bytesRead: number, force = false): void {
    this.bytes = bytesRead;
    if (!this.opts.onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < 200) return;
    this.lastProgress = now;
    this.opts.onProgress({ bytesRead: this.bytes, totalBytes: this.totalBytes, findings: this.total });
  }
}

/** Code points in a string (report offsets are code points). */
export function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) { n--; i++; }
  }
  return n;
}
