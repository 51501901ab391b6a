import { createWriteStream } from 'node:fs';
import { redactText } from '../redact.ts';
import { cpLength } from './file-context.ts';
import { closeOut, writeOut, type FormatContext } from './format-context.ts';
import { readLines, type Line } from './lines.ts';

/**
 * Blocks are cut at blank lines once they pass this size, so detectors see whole paragraphs
 * (an address wrapped over two lines) while memory stays bounded.
 */
const SOFT_BLOCK = 64 * 1024;
const HARD_BLOCK = 1024 * 1024;

export type BlockProcessor = (lines: readonly Line[], shiftCp: number) => string;

/** Shared by plain text and Markdown: group lines into blocks, process, write in order. */
export async function processLines(ctx: FormatContext, processBlock: BlockProcessor): Promise<void> {
  const out = createWriteStream(ctx.outPath);
  const bom = { hadBom: false };
  let block: Line[] = [];
  let size = 0;
  let shift = 0;
  const flush = async (): Promise<void> => {
    if (!block.length) return;
    const text = processBlock(block, shift);
    await writeOut(out, text);
    for (const l of block) shift += cpLength(l.text) + (l.newline ? 1 : 0);
    block = [];
    size = 0;
  };
  try {
    let started = false;
    for await (const line of readLines(ctx.inPath, { maxLineBytes: ctx.opts.maxLineBytes, onBytes: (b) => ctx.report.progress(b) }, bom)) {
      if (!started) { if (bom.hadBom) await writeOut(out, '\ufeff'); started = true; }
      block.push(line);
      size += line.text.length;
      if ((size >= SOFT_BLOCK && !line.text.trim()) || size >= HARD_BLOCK) await flush();
    }
    await flush();
  } finally {
    await closeOut(out);
  }
}

export function joinBlock(lines: readonly Line[]): string {
  return lines.map((l) => l.text + (l.newline ? '\n' : '')).join('');
}

export async function redactTextFile(ctx: FormatContext): Promise<void> {
  await processLines(ctx, (lines, shift) => {
    const r = redactText(ctx.engine, joinBlock(lines), { policy: ctx.policy, state: ctx.state, includeOriginal: ctx.opts.includeOriginal });
    ctx.report.add(r.report, undefined, shift);
    return r.text;
  });
}
