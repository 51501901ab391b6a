import { createReadStream, createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { HutongError } from '@hutong/core';
import type { EntityType } from '../types.ts';
import { classifyByContent, classifyHeader, redactCell } from './columns.ts';
import { formatErrors } from './format-errors.ts';
import type { FormatContext } from './format-context.ts';
import { DEFAULT_MAX_LINE } from './lines.ts';
import { sniffBinary, Utf8Guard } from './utf8.ts';

/** Rows buffered to classify columns by content; the only rows ever held at once. */
export const SAMPLE_ROWS = 100;

/** Validates UTF-8 and rejects binaries before csv-parse (which would decode junk silently). */
class GuardStream extends Transform {
  private readonly guard: Utf8Guard;
  private first = true;
  private bytes = 0;
  hadBom = false;
  constructor(private readonly ctx: FormatContext) {
    super();
    this.guard = new Utf8Guard(ctx.inPath);
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.first) {
        sniffBinary(this.ctx.inPath, chunk);
        this.hadBom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        this.first = false;
      }
      this.guard.push(chunk);
      this.bytes += chunk.length;
      this.ctx.report.progress(this.bytes);
      done(null, chunk);
    } catch (e) { done(e as Error); }
  }
  override _flush(done: TransformCallback): void {
    try { this.guard.end(); done(); } catch (e) { done(e as Error); }
  }
}

/** Header → types → rows, one row at a time after the sample. */
class RowStream extends Transform {
  private header: string[] | null = null;
  private types: (EntityType | null)[] = [];
  private sample: string[][] | null = [];
  private row = 1;
  constructor(private readonly ctx: FormatContext) { super({ objectMode: true }); }

  override _transform(rec: string[], _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (!this.header) {
        this.header = rec;
        this.types = rec.map(classifyHeader);
        this.push(rec);
      } else if (this.sample) {
        this.sample.push(rec);
        if (this.sample.length >= SAMPLE_ROWS) this.release();
      } else this.push(this.process(rec));
      done();
    } catch (e) { done(e as Error); }
  }

  override _flush(done: TransformCallback): void {
    try { if (this.sample) this.release(); done(); } catch (e) { done(e as Error); }
  }

  private release(): void {
    const sample = this.sample!;
    this.sample = null;
    classifyByContent(this.ctx.engine, sample, this.types);
    for (const rec of sample) this.push(this.process(rec));
  }

  private process(rec: string[]): string[] {
    const no = ++this.row;
    return rec.map((v, c) => {
      const h = this.header![c] ?? `第${c + 1}列`;
      const r = redactCell(this.ctx, v, this.types[c] ?? null, `column:${h}`, `第${no}行 ${h}`);
      this.ctx.report.add(r.report);
      return r.text;
    });
  }
}

/**
 * CSV in bounded memory: bytes → UTF-8 check → csv-parse → per-cell processing → csv-stringify
 * → disk, with back-pressure end to end. The header row is kept; one DocState spans the file.
 */
export async function redactCsvFile(ctx: FormatContext): Promise<void> {
  const guard = new GuardStream(ctx);
  const max = ctx.opts.maxLineBytes ?? DEFAULT_MAX_LINE;
  const out = stringify({ bom: false });
  let bomWritten = false;
  const bomTap = new Transform({
    transform(chunk, _e, done) {
      if (!bomWritten) { bomWritten = true; if (guard.hadBom) this.push('\ufeff'); }
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      createReadStream(ctx.inPath, { highWaterMark: 256 * 1024 }),
      guard,
      parse({ bom: true, relax_column_count: true, max_record_size: max, skip_empty_lines: false }),
      new RowStream(ctx),
      out,
      bomTap,
      createWriteStream(ctx.outPath),
    );
  } catch (e) {
    if (e instanceof HutongError) throw e;
    const err = e as { code?: string; lines?: number; message?: string };
    if (err.code === 'CSV_MAX_RECORD_SIZE') throw formatErrors.lineTooLong(ctx.inPath, err.lines ?? 0, max);
    if (typeof err.code === 'string' && err.code.startsWith('CSV_')) throw formatErrors.malformed(ctx.inPath, `CSV 格式错误（${err.code}）`, err.lines);
    throw e;
  }
}
