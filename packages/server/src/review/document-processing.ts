import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HutongError } from '@hutong/core';
import { ENTITY_TYPE_KEYS, redactFile, redactText, type DetectingEngine, type FileReport, type PresetName } from '@hutong/redact';

/**
 * Text, Markdown, CSV, XLSX and DOCX go through the engine's own redactFile (the same code as
 * `hutong redact` and /api/redact/file), with the preset the kind of publication calls for and
 * the texts a reviewer kept or dismissed as the policy's `keep`. The file is decoded into a
 * private temp dir that is removed whatever happens; nothing is logged.
 */
export const MAX_REPORT_ENTRIES = 2000;

export interface DocumentResult {
  readonly output: Buffer;
  readonly report: FileReport;
  /** Pictures inside a DOCX/XLSX: the engine copies them as they are (see embeddedMedia). */
  readonly embeddedMedia: number;
}

/** Policy `keep` takes type names too: a kept text that happens to spell one must not keep the whole type. */
export function keepPolicy(keep: readonly string[]): { keep: string[] } {
  return { keep: [...new Set(keep.map((k) => k.trim()).filter((k) => k && !(ENTITY_TYPE_KEYS as string[]).includes(k)))] };
}

/** The engine names files by path; the caller knows only the file's name, and the temp dir is ours. */
function renamed(e: HutongError, tmpPath: string, name: string): HutongError {
  const swap = (s: string) => s.split(tmpPath).join(name);
  const fields = (e.details.fields ?? []).map((f) => ({ ...f, field: swap(f.field), message: `“${name}”：${swap(f.message)}` }));
  return new HutongError(e.statusCode, e.code, swap(e.message), { ...e.details, fields });
}

/** Zip entry names are stored uncompressed: the package's pictures can be counted without unpacking it. */
function embeddedMedia(bytes: Buffer, ext: string): number {
  if (ext !== '.docx' && ext !== '.xlsx') return 0;
  return new Set(bytes.toString('latin1').match(/(?:word|xl)\/media\/[^\u0000-\u001f/]+?\.(?:png|jpe?g|gif|bmp|tiff?|webp|emf|wmf)/giu) ?? []).size;
}

export async function processDocument(engine: DetectingEngine, file: { name: string; ext: string; bytes: Buffer }, preset: PresetName, keep: readonly string[]): Promise<DocumentResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hutong-review-'));
  const inPath = join(dir, `input${file.ext}`);
  const outPath = join(dir, `output${file.ext}`);
  try {
    await writeFile(inPath, file.bytes, { mode: 0o600 });
    const report = await redactFile(engine, inPath, outPath, { preset, policy: keepPolicy(keep), maxReportEntries: MAX_REPORT_ENTRIES });
    return { output: await readFile(outPath), report: { ...report, file: file.name }, embeddedMedia: embeddedMedia(file.bytes, file.ext) };
  } catch (e) {
    throw e instanceof HutongError ? renamed(e, inPath, file.name) : e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A short text (the title, a file's name) processed the same way; empty results fall back to `fallback`. */
export function processShortText(engine: DetectingEngine, text: string, preset: PresetName, keep: readonly string[], fallback: string) {
  const r = redactText(engine, text, { preset, policy: keepPolicy(keep) });
  return { ...r, text: r.text.trim() || fallback };
}
