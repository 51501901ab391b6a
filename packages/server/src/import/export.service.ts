import fs from 'node:fs';
import path from 'node:path';
import { errors, FORBIDDEN_PURPOSES, PURPOSE_CODES, isPurposeCode, type FieldKey, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import type { EncryptedFields } from '../shared/db/schema.ts';
import { assertPermission, scopedChildren } from '../access/child-scope.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { openChildKey } from '../registry/child-cipher.ts';
import { showField } from '../registry/child-projection.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import { combinedBasis, decideOnChild, factsOfRow } from '../registry/child-decision.ts';
import { basisFactsForMany } from '../consent/consent-records.ts';
import { sealedGuardiansOf } from '../registry/registry-lookup.service.ts';
import { decideReveal } from '../registry/reveal-decision.ts';
import { COLUMNS, HEADERS } from './import-columns.ts';
import { sheetFormat } from './sheet-reader.ts';
import { openSheetWriter } from './sheet-writer.ts';
import type { ImportOrg } from './import.service.ts';

export interface ExportOptions {
  org: ImportOrg;
  actor: Actor;
  out: string;
  /** A purpose code (第七至十一条); without one, identifying and sensitive fields leave masked. */
  purpose?: string;
  onProgress?: (done: number) => void;
}

/** `withheld`: children whose identifying fields stayed masked because no lawful basis covered them. */
export interface ExportReport { file: string; children: number; masked: boolean; purpose: string | null; withheld: number; fields: string[]; seconds: number }

const PAGE = 1000;
const GUARDIAN_COLUMNS = new Set<string>(['guardianName', 'guardianRelation', 'guardianPhone', 'guardianIdNumber']);

/** Refuses unknown purposes, and the three 第十五条 forbids whatever else allows them (recorded as denied). */
async function checkPurpose(ctx: AppContext, actor: Actor, org: ImportOrg, purpose: string | undefined): Promise<void> {
  if (purpose === undefined) return;
  if (!isPurposeCode(purpose)) {
    throw errors.validation([{ field: 'purpose', message: `未知的处理目的“${purpose}”，可选：${Object.keys(PURPOSE_CODES).filter((p) => !(FORBIDDEN_PURPOSES as string[]).includes(p)).join('、')}` }]);
  }
  if ((FORBIDDEN_PURPOSES as string[]).includes(purpose)) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'use', accountableOrgId: org.id, purpose, outcome: 'denied', reason: 'export 第十五条' }));
    throw errors.forbidden(`不得以“${PURPOSE_CODES[purpose]}”为目的导出或处理儿童个人信息`, '《困境儿童个人信息保护工作办法》第十五条');
  }
}

/**
 * Writes the org's children in the import template's columns. Masked unless a lawful purpose is
 * given; either way one 使用 entry (reason 'export') lists every child and every field actually
 * decrypted. The file appears only after that entry is committed, so no export goes unrecorded.
 */
export async function exportChildren(ctx: AppContext, opts: ExportOptions): Promise<ExportReport> {
  const { actor, org } = opts;
  assertPermission(actor, 'child.export');
  if (actor.orgId !== org.id) throw errors.forbidden('只能导出本机构登记的儿童信息', '《困境儿童个人信息保护工作办法》第四条');
  const format = sheetFormat(opts.out);
  await checkPurpose(ctx, actor, org, opts.purpose);
  if (fs.existsSync(opts.out)) throw errors.conflict(`输出文件已存在：${opts.out}（为免覆盖，请换一个文件名或先删除）`);
  const started = process.hrtime.bigint();
  const read = new Set<string>();
  const bases = new Set<string>();
  let withheld = 0;
  const childIds: string[] = [];
  const tmp = path.join(path.dirname(path.resolve(opts.out)), `.${path.basename(opts.out)}.${process.pid}.part`);
  const writer = await openSheetWriter(tmp, format);
  try {
    await writer.write(HEADERS);
    for (let after = ''; ;) {
      let q = scopedChildren(ctx.db, actor, 'child.export').where('children.owner_org_id', '=', org.id)
        .select(['children.id', 'children.region_code', 'children.gender', 'children.grade', 'children.data_key_wrapped', 'children.master_key_version', 'children.fields_enc', 'children.can_express_will']);
      if (after) q = q.where('children.id', '>', after);
      const page = await q.orderBy('children.id').limit(PAGE).execute();
      if (page.length === 0) break;
      const [guardians, onFile] = await Promise.all([sealedGuardiansOf(ctx, page.map((c) => c.id)), basisFactsForMany(ctx.db, page.map((c) => c.id))]);
      const byChild = new Map<string, typeof guardians>();
      for (const g of guardians) byChild.set(g.child_id, [...(byChild.get(g.child_id) ?? []), g]);
      for (const c of page) {
        const cipher = c.data_key_wrapped ? openChildKey(ctx.keyring, c.id, c.data_key_wrapped, c.master_key_version!) : null;
        const clear = { gender: c.gender, grade: c.grade, regionCode: c.region_code.trim() };
        const gs = byChild.get(c.id) ?? [];
        // Each child's fields are revealed only as far as the lawful-basis decision allows for it,
        // and a field no purpose covers is left out even masked.
        const facts = factsOfRow(ctx, { ...c, fields_enc: c.fields_enc as EncryptedFields }, read);
        const masked = await decideOnChild(ctx, actor, c.id, facts, { act: 'use', fields: COLUMNS.map((x) => x.key), onFile: onFile.get(c.id) ?? { consents: [], guardianNotices: [] } });
        let reveal: ReadonlySet<string> = new Set();
        if (opts.purpose) {
          const outcome = await decideReveal(ctx, actor, c, facts, opts.purpose as PurposeCode);
          if (outcome.decision.allowed) {
            reveal = new Set(outcome.decision.allowedFields);
            bases.add(outcome.basisRef);
          } else withheld++;
        } else bases.add(combinedBasis(masked).basis);
        const permitted = new Set<string>([...masked.allowedFields, ...reveal]);
        await writer.write(COLUMNS.map(({ key }) => {
          if (!GUARDIAN_COLUMNS.has(key)) return showField(key, 'children', c.id, c.fields_enc as EncryptedFields, clear, cipher, reveal, read, {}, permitted).value ?? '';
          const values = gs.map((g) => showField(key as FieldKey, 'guardians', g.id, g.fields_enc as EncryptedFields, { guardianRelation: g.relation }, cipher, reveal, read, {}, permitted).value ?? '');
          // One value per guardian, in the same order in every guardian column (import splits them back).
          return values.some((v) => v !== '') ? values.join('；') : '';
        }));
        childIds.push(c.id);
      }
      after = page.at(-1)!.id;
      opts.onProgress?.(childIds.length);
    }
    await writer.close();
    await appendLedger(ctx.db, processingRecord(actor, {
      act: 'use', accountableOrgId: org.id, purpose: opts.purpose ?? null, basis: [...bases].join(' | ').slice(0, 2000), childIds,
      fields: [...read], outcome: 'allowed', reason: withheld ? `export withheld:${withheld}` : 'export',
    }));
    fs.renameSync(tmp, opts.out);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return {
    file: opts.out, children: childIds.length, masked: !opts.purpose, purpose: opts.purpose ?? null, withheld,
    fields: [...read].sort(), seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
