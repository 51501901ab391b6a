import path from 'node:path';
import { errors, normaliseIdNumber, type FieldKey, type FieldProblem } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission } from '../access/child-scope.ts';
import { inSubtree } from '../access/jurisdiction.ts';
import { validateChildInput, type ChildInput } from '../registry/child-input.ts';
import { idNumberIndex } from '../registry/child-indexes.ts';
import { today } from '../registry/registry.service.ts';
import { regionName } from '../registry/child-view.ts';
import { columnLabel, mapHeaders, type ColumnKey } from './import-columns.ts';
import { rowToInput } from './import-row.ts';
import { readSheet, sheetFormat, type SheetFormat } from './sheet-reader.ts';
import { registeredIdIndexes } from '../registry/registry-lookup.service.ts';
import { writeChildBatch } from './child-batch.ts';
import { combinedBasis, decideCollect } from '../registry/child-decision.ts';
import { storedFieldNames } from '../registry/child-writer.ts';
import { openBatchBuilder } from './child-rows.pool.ts';

/** The organisation the imported children belong to (谁主管谁负责). */
export interface ImportOrg { id: string; name: string; type: string; regionCode: string }

export interface ImportOptions {
  file: string;
  org: ImportOrg;
  actor: Actor;
  /** Import the good rows and report the bad ones; otherwise one bad row refuses the file. */
  skipInvalid?: boolean;
  dryRun?: boolean;
  batchSize?: number;
  /** Encrypt on a worker thread when a second core exists (default); false keeps it on this thread. */
  threaded?: boolean;
  onProgress?: (p: { phase: 'validate' | 'write'; done: number; total: number }) => void;
}

export interface RowProblem { row: number; field: string; column: string; message: string }

export interface ImportReport {
  file: string;
  format: SheetFormat;
  rows: number;
  valid: number;
  invalid: number;
  problems: RowProblem[];
  imported: number;
  dryRun: boolean;
  /** True when bad rows made the whole file be refused (no --skip-invalid). */
  refused: boolean;
  seconds: number;
  rowsPerSecond: number;
}

const BATCH = 500;
const ID_CHECK_CHUNK = 1000;

/**
 * Imports a CSV/XLSX roster: validate every row first (shared rules, duplicates within the file
 * and against the registry, region inside the org), then write in batches of 500, each a
 * transaction with one 收集 entry per child. Never throws for a bad row: the report names them.
 */
export async function importChildren(ctx: AppContext, opts: ImportOptions): Promise<ImportReport> {
  const { actor, org } = opts;
  assertPermission(actor, 'child.import');
  if (actor.orgId !== org.id) throw errors.forbidden('只能以本机构名义导入儿童信息（谁主管谁负责）', '《困境儿童个人信息保护工作办法》第四条');
  const started = process.hrtime.bigint();
  const format = sheetFormat(opts.file);
  const on = today();
  const problems: RowProblem[] = [];
  const bad = new Set<number>();
  const good: Array<{ row: number; value: ChildInput; basis: { purpose: string | null; basis: string } }> = [];
  const seenIds = new Map<string, number>();
  const pendingIds: Array<{ row: number; index: Buffer }> = [];
  let keys: Array<ColumnKey | null> | null = null;
  let rows = 0;

  const report = (row: number, field: string, message: string) => {
    bad.add(row);
    problems.push({ row, field, column: field === 'file' ? '整行' : columnLabel(field), message }); // 'file': the row as a whole (no lawful basis)
  };
  const checkRegistered = async () => {
    const found = await registeredIdIndexes(ctx, pendingIds.map((p) => p.index));
    for (const p of pendingIds) if (found.has(p.index.toString('hex'))) report(p.row, 'idNumber', '该身份证号已在名册中登记');
    pendingIds.length = 0;
  };

  for await (const sheetRow of readSheet(opts.file)) {
    if (!keys) { keys = mapHeaders(sheetRow.cells); continue; }
    rows++;
    const { row } = sheetRow;
    const shaped = rowToInput(keys, sheetRow.cells);
    const cellProblems: FieldProblem[] = sheetRow.issues.map((i) => ({ field: keys![i.col] ?? `第${i.col + 1}列`, message: i.message }));
    const { value, problems: found } = validateChildInput(shaped.raw, { today: on });
    for (const p of [...cellProblems, ...shaped.problems, ...found]) report(row, p.field, p.message);
    if (!value || bad.has(row)) continue;
    if (!inSubtree(org.regionCode, value.regionCode) || !inSubtree(actor.jurisdiction, value.regionCode)) {
      report(row, 'regionCode', `区划 ${value.regionCode}（${regionName(value.regionCode)}）不在机构“${org.name}”的辖区（${regionName(org.regionCode)}）内`);
      continue;
    }
    // The same lawful-basis decision as registration: a legacy roster brings no consents with it.
    const decision = decideCollect(ctx, actor, value, storedFieldNames(value) as FieldKey[]);
    if (!decision.allowed) { report(row, 'file', `没有合法性基础：${decision.reasons[0]?.message ?? ''}`); continue; }
    if (decision.strippedFields.length) {
      for (const f of decision.strippedFields) report(row, f, decision.reasons.find((r) => r.field === f)?.message ?? '没有可依据的处理目的');
      continue;
    }
    if (value.idNumber) {
      const id = normaliseIdNumber(value.idNumber);
      const first = seenIds.get(id);
      if (first !== undefined) { report(row, 'idNumber', `与第 ${first} 行的身份证号重复`); continue; }
      seenIds.set(id, row);
      pendingIds.push({ row, index: idNumberIndex(ctx.keyring, id) });
      if (pendingIds.length >= ID_CHECK_CHUNK) await checkRegistered();
    }
    good.push({ row, value, basis: combinedBasis(decision) });
    if (rows % 1000 === 0) opts.onProgress?.({ phase: 'validate', done: rows, total: 0 });
  }
  if (!keys) throw errors.validation([{ field: 'file', message: '文件为空：没有表头行' }]);
  await checkRegistered();
  problems.sort((a, b) => a.row - b.row);

  const valid = good.filter((g) => !bad.has(g.row));
  const refused = bad.size > 0 && !opts.skipInvalid;
  let imported = 0;
  if (!opts.dryRun && !refused && valid.length) imported = await writeAll(ctx, opts, valid);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    file: path.basename(opts.file), format, rows, valid: valid.length, invalid: bad.size, problems, imported,
    dryRun: opts.dryRun === true, refused, seconds, rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : rows,
  };
}

/** Batch n+1 is encrypted (on a worker when there is a second core) while batch n is written. */
async function writeAll(ctx: AppContext, opts: ImportOptions, valid: Array<{ row: number; value: ChildInput; basis: { purpose: string | null; basis: string } }>): Promise<number> {
  const size = opts.batchSize ?? BATCH;
  const batches: Array<typeof valid> = [];
  for (let i = 0; i < valid.length; i += size) batches.push(valid.slice(i, i + size));
  const builder = openBatchBuilder(ctx.keyring, { threaded: opts.threaded !== false });
  const build = (b: typeof valid) => {
    const p = builder.build(opts.org.id, b.map((x) => x.value));
    p.catch(() => {}); // awaited in turn below; a failure while the previous batch is written must not go unhandled
    return p;
  };
  let imported = 0;
  try {
    let next = build(batches[0]!);
    for (let i = 0; i < batches.length; i++) {
      const batch = batches[i]!;
      const built = await next;
      if (i + 1 < batches.length) next = build(batches[i + 1]!);
      try {
        await writeChildBatch(ctx, opts.actor, opts.org.id, batch.map((b) => b.value), batch.map((b) => b.basis), 'import', built);
      } catch (err) {
        // Earlier batches are committed; say how far it got so a rerun with --skip-invalid resumes
        // cleanly (rows already imported then report as registered).
        const at = `第 ${batch[0]!.row}–${batch.at(-1)!.row} 行`;
        throw errors.conflict(`导入在${at}中断（已导入 ${imported} 条）：${(err as Error).message}。可改正后加 --skip-invalid 重新导入，已导入的行会被识别为已登记而跳过`);
      }
      imported += batch.length;
      opts.onProgress?.({ phase: 'write', done: imported, total: valid.length });
    }
  } finally {
    await builder.close();
  }
  return imported;
}
