import type { Command } from 'commander';
import { registerDetect } from './detect.ts';
import { registerEval } from './eval.ts';
import { registerRedactFile } from './redact-file.ts';

/** 技术处理: detect (spans only), redact (files by preset), eval (against annotated corpora). */
export function registerRedactCommands(program: Command): void {
  registerDetect(program);
  registerRedactFile(program);
  registerEval(program);
}
