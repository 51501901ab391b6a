import {
  errors, isPurposeCode, normaliseRegionCode, parseCategory, shanghaiDate,
} from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger, appendLedgerMany } from '../ledger/ledger-append.ts';
import { assertPermission } from '../access/child-scope.ts';
import { subtreePrefix, inSubtree } from '../access/jurisdiction.ts';
import * as repo from './children.repo.ts';
import { validateChildInput, type RawChildInput } from './child-input.ts';
import { insertChildren, storedFieldNames } from './child-writer.ts';
import { childView, type ChildDetail, type ChildSummary } from './child-view.ts';
import { categoryIndex, idNumberIndex, nameIndex, schoolIndex } from './child-indexes.ts';
import { DUTY_BASIS, processingRecord } from './registry.ledger.ts';
import { decideReveal, refusal, type RevealOutcome } from './reveal-decision.ts';

export interface ListQuery { q?: string; region?: string; category?: string; school?: string; page?: number; pageSize?: number }

/** The civil date in China, the date every age and consent rule counts in. */
export function today(): string {
  return shanghaiDate(Date.now());
}

/** The owning org must be the actor's own (第四条 谁处理谁负责) and the child inside its jurisdiction. */
function assertCanRegister(actor: Actor, regionCode: string): void {
  assertPermission(actor, 'child.write');
  if (!actor.orgId) throw errors.forbidden('您的账号未归属任何机构，不能登记儿童信息');
  if (!inSubtree(actor.jurisdiction, regionCode) || !inSubtree(actor.orgRegion!, regionCode)) {
    throw errors.validation([{ field: 'regionCode', message: '该区划不在您的管辖范围内' }]);
  }
}

export async function createChild(ctx: AppContext, actor: Actor, raw: RawChildInput): Promise<{ id: string }> {
  const { value, problems } = validateChildInput(raw, { today: today() });
  if (!value) throw errors.validation(problems);
  assertCanRegister(actor, value.regionCode);
  return ctx.db.transaction().execute(async (trx) => {
    if (value.idNumber && (await repo.existingIdNumberIndexes(trx, [idNumberIndex(ctx.keyring, value.idNumber)])).size) {
      throw errors.validation([{ field: 'idNumber', message: '该身份证号已登记' }]);
    }
    const [id] = await insertChildren(trx, ctx.keyring, actor.orgId!, [value]);
    await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: actor.orgId, basis: DUTY_BASIS, childIds: [id!], fields: storedFieldNames(value), outcome: 'succeeded' }));
    return { id: id! };
  });
}

export async function listChildren(ctx: AppContext, actor: Actor, query: ListQuery): Promise<{ items: ChildSummary[]; total: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 100);
  const page = Math.max(query.page ?? 1, 1);
  const filter: repo.ListFilter = { tokenFilters: [], limit: pageSize, offset: (page - 1) * pageSize };
  const q = query.q?.trim();
  if (q) {
    if (/^[\dXx\s-]{15,}$/u.test(q)) filter.idNumberIndex = idNumberIndex(ctx.keyring, q);
    else filter.tokenFilters.push({ index: 'name', token: nameIndex(ctx.keyring, q) });
  }
  if (query.region) filter.regionPrefix = subtreePrefix(normaliseRegionCode(query.region));
  if (query.category) {
    const c = parseCategory(query.category);
    if (!c) throw errors.validation([{ field: 'category', message: '未知的儿童类别' }]);
    filter.tokenFilters.push({ index: 'category', token: categoryIndex(ctx.keyring, c) });
  }
  if (query.school?.trim()) filter.tokenFilters.push({ index: 'school', token: schoolIndex(ctx.keyring, query.school) });
  const { rows, total } = await repo.listChildren(ctx.db, actor, filter);
  const read = new Set<string>();
  const items = rows.map((r) => childView(ctx, r, new Set(), read).summary);
  if (rows.length) {
    await appendLedgerMany(ctx.db, groupByOwner(rows).map(([org, ids]) => processingRecord(actor, {
      act: 'use', accountableOrgId: org, basis: DUTY_BASIS, childIds: ids, fields: [...read], outcome: 'allowed', reason: 'masked_list',
    })));
  }
  return { items, total };
}

function groupByOwner(rows: repo.ChildRow[]): Array<[string, string[]]> {
  const m = new Map<string, string[]>();
  for (const r of rows) m.set(r.owner_org_id, [...(m.get(r.owner_org_id) ?? []), r.id]);
  return [...m];
}

export interface RevealRequest { purpose?: string; justification?: string }

export async function getChild(ctx: AppContext, actor: Actor, id: string, req: RevealRequest = {}): Promise<ChildDetail> {
  const row = await repo.findChild(ctx.db, actor, id);
  if (!row) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'use', childIds: isUuid(id) ? [id] : [], outcome: 'denied', reason: 'not_found_or_out_of_scope' }));
    throw errors.notFound('儿童');
  }
  const read = new Set<string>();
  let reveal = new Set<string>();
  let outcome: RevealOutcome | undefined;
  if (req.purpose) {
    if (!isPurposeCode(req.purpose)) throw errors.validation([{ field: 'purpose', message: `未知的处理目的“${req.purpose}”` }]);
    outcome = await decideReveal(ctx, actor, row, req.purpose, read);
    if (!outcome.decision.allowed) {
      const { code, error } = refusal(outcome.decision);
      await appendLedger(ctx.db, processingRecord(actor, { act: 'use', accountableOrgId: row.owner_org_id, purpose: req.purpose, childIds: [id], fields: [...read], outcome: 'denied', reason: `${code}:${error.details.article ?? ''}` }));
      throw error;
    }
    reveal = new Set(outcome.decision.allowedFields);
  }
  const [guardians, visits] = await Promise.all([repo.guardiansOf(ctx.db, id), repo.visitsOf(ctx.db, id)]);
  const detail = childView(ctx, row, reveal, read, guardians, visits).detail;
  await appendLedger(ctx.db, processingRecord(actor, {
    act: 'use', accountableOrgId: row.owner_org_id, purpose: req.purpose ?? null, basis: outcome ? outcome.basisRef : DUTY_BASIS, childIds: [id], fields: [...read],
    outcome: 'allowed', reason: req.purpose ? `revealed:${(req.justification ?? '').slice(0, 200)}` : 'masked_view',
  }));
  return { ...detail, ...(outcome ? { basis: outcome.dto } : {}) };
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(s);
}


