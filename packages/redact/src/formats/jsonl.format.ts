import { createWriteStream } from 'node:fs';
import type { EntityType } from '../types.ts';
import { classifyHeader, redactCell } from './columns.ts';
import { formatErrors } from './format-errors.ts';
import { closeOut, writeOut, type FormatContext } from './format-context.ts';
import { readLines } from './lines.ts';

/**
 * Keys stay; every string value is processed, as a whole identifier when its key says what it
 * is (姓名, phone, 家庭住址) and through the detectors otherwise. Numbers under such keys (a
 * phone stored as a number) become processed strings.
 */
function walk(ctx: FormatContext, v: unknown, type: EntityType | null, path: string, line: number): unknown {
  if (typeof v === 'string' || (typeof v === 'number' && type && Number.isInteger(v))) {
    const s = String(v);
    const r = redactCell(ctx, s, type, type ? `key:${path}` : 'text', `第${line}行 ${path}`);
    ctx.report.add(r.report);
    return r.text === s ? v : r.text;
  }
  if (Array.isArray(v)) return v.map((x, i) => walk(ctx, x, type, `${path}[${i}]`, line));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(ctx, x, classifyHeader(k) ?? type, `${path}.${k}`, line);
    return out;
  }
  return v;
}

export async function redactJsonlFile(ctx: FormatContext): Promise<void> {
  const out = createWriteStream(ctx.outPath);
  try {
    for await (const line of readLines(ctx.inPath, { maxLineBytes: ctx.opts.maxLineBytes, onBytes: (b) => ctx.report.progress(b) })) {
      const body = line.text.trim();
      let text = line.text;
      if (body) {
        let value: unknown;
        try { value = JSON.parse(body); } catch {
          // The parser's message quotes the line, which may hold a child's data: say where only.
          throw formatErrors.malformed(ctx.inPath, '不是有效的 JSON', line.no);
        }
        text = JSON.stringify(walk(ctx, value, null, '$', line.no));
      }
      await writeOut(out, text + (line.newline ? '\n' : ''));
    }
  } finally {
    await closeOut(out);
  }
}
