import type { WriteStream } from 'node:fs';
import type { DocState } from '../operators/index.ts';
import type { ResolvedPolicy } from '../presets/index.ts';
import type { DetectingEngine } from '../redact.ts';
import type { RedactFileOptions, ReportCollector } from './file-context.ts';

/** What every format handler gets: the policy checked once, one DocState for the whole file. */
export interface FormatContext {
  readonly engine: DetectingEngine;
  readonly inPath: string;
  /** A temporary path; redactFile renames it to the requested output only on success. */
  readonly outPath: string;
  readonly policy: ResolvedPolicy;
  readonly state: DocState;
  readonly report: ReportCollector;
  readonly opts: RedactFileOptions;
}

/** Write honouring back-pressure, so a fast reader cannot fill memory ahead of the disk. */
export async function writeOut(out: WriteStream, s: string): Promise<void> {
  if (!out.write(s)) await new Promise<void>((resolve, reject) => {
    const onErr = (e: Error): void => { out.off('drain', onDrain); reject(e); };
    const onDrain = (): void => { out.off('error', onErr); resolve(); };
    out.once('drain', onDrain).once('error', onErr);
  });
}

export async function closeOut(out: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => { out.once('error', reject); out.end(() => resolve()); });
}
