import { randomUUID } from 'node:crypto';
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
import { childView, DETAIL_FIELDS, SUMMARY_FIELDS, type ChildDetail, type ChildSummary } from './child-view.ts';
import { categoryIndex, idNumberIndex, nameIndex, schoolIndex } from './child-indexes.ts';
import { processingRecord } from './registry.ledger.ts';
import { decideReveal, refusal, type RevealOutcome } from './reveal-decision.ts';
import { combinedBasis, decideCollect, decideOnChild, factsOfRow, noBasisError, refusalReason } from './child-decision.ts';
import { basisFactsForMany } from '../consent/consent-records.ts';
import { assertConsentRecordable, consentAsRecord, insertConsent } from '../consent/consent-rules.ts';
import type { ConsentCreate } from '../consent/consent.schema.ts';
import type { CombinedDecision, FieldKey, PurposeCode } from '@hutong/core';

export interface ListQuery { q?: string; region?: string; category?: string; school?: string; page?: number; pageSize?: number; purpose?: PurposeCode | undefined }

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

/**
 * 收集: every field stored must rest on a purpose the registering org has a basis for today
 * (a statutory duty, since a new child has no consent on file yet). Otherwise nothing is written
 * and the refusal, naming each field and its article, is ledgered.
 */
export async function createChild(ctx: AppContext, actor: Actor, raw: RawChildInput & { purpose?: PurposeCode; consent?: RegistrationConsent }): Promise<{ id: string }> {
  const { value, problems } = validateChildInput(raw, { today: today() });
  if (!value) throw errors.validation(problems);
  assertCanRegister(actor, value.regionCode);
  const consent = raw.consent ? registrationConsent(raw.consent, value.guardians.length) : undefined;
  const fields = storedFieldNames(value) as FieldKey[];
  const onFile = { consents: consent ? [consentAsRecord(consent.create, consent.id)] : [], guardianNotices: [] };
  const decision = decideCollect(ctx, actor, value, fields, onFile.consents, raw.purpose);
  if (!decision.allowed || decision.strippedFields.length) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'collect', accountableOrgId: actor.orgId, purpose: raw.purpose ?? null, fields, outcome: 'denied', reason: refusalReason(decision) }));
    throw noBasisError(decision, '登记');
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (value.idNumber && (await repo.existingIdNumberIndexes(trx, [idNumberIndex(ctx.keyring, value.idNumber)])).size) {
      throw errors.validation([{ field: 'idNumber', message: '该身份证号已登记' }]);
    }
    const out = { guardianIds: [] as string[][] };
    const [id] = await insertChildren(trx, ctx.keyring, actor.orgId!, [value], out);
    if (consent) {
      const gIndex = consent.guardianIndex;
      const guardian = gIndex === undefined ? undefined : { id: out.guardianIds[0]![gIndex]!, relation: value.guardians[gIndex]!.relation };
      await insertConsent(trx, actor, { id: id!, ownerOrgId: actor.orgId! }, guardian, consent.create, consent.id);
    }
    await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: actor.orgId, ...combinedBasis(decision), childIds: [id!], fields, outcome: 'succeeded' }));
    return { id: id! };
  });
}

export type RegistrationConsent = Omit<ConsentCreate, 'guardianId'> & { guardianIndex?: number };

function registrationConsent(c: RegistrationConsent, guardians: number): { create: ConsentCreate; guardianIndex: number | undefined; id: string } {
  const { guardianIndex: given, ...create } = c;
  const guardianIndex = create.givenBy === 'guardian' ? (given ?? 0) : undefined;
  if (guardianIndex !== undefined && guardianIndex >= guardians) {
    throw errors.validation([{ field: 'consent.guardianIndex', message: '监护人同意须对应登记的一位监护人（请先填写监护人）' }]);
  }
  assertConsentRecordable(create, today(), 'consent.', true);
  return { create, guardianIndex, id: randomUUID() };
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
  const onFile = await basisFactsForMany(ctx.db, rows.map((r) => r.id));
  const groups = new Map<string, { owner: string; decision: CombinedDecision; ids: string[]; read: Set<string> }>();
  const items: ChildSummary[] = [];
  for (const r of rows) {
    // Each row is decided on its own: the basis differs by child (age, consents on file).
    const read = new Set<string>();
    const decision = await decideOnChild(ctx, actor, r.id, factsOfRow(ctx, r, read), { act: 'use', fields: SUMMARY_FIELDS, purpose: query.purpose, onFile: onFile.get(r.id) ?? { consents: [], guardianNotices: [] } });
    items.push(childView(ctx, r, new Set(), read, [], [], new Set(decision.allowedFields)).summary);
    const key = `${r.owner_org_id}|${decision.allowed}|${combinedBasis(decision).basis}|${decision.allowedFields.join(',')}`;
    const g = groups.get(key) ?? { owner: r.owner_org_id, decision, ids: [], read: new Set<string>() };
    g.ids.push(r.id);
    for (const f of read) g.read.add(f);
    groups.set(key, g);
  }
  if (groups.size) {
    await appendLedgerMany(ctx.db, [...groups.values()].map((g) => processingRecord(actor, {
      act: 'use', accountableOrgId: g.owner, ...combinedBasis(g.decision), childIds: g.ids, fields: [...g.read],
      outcome: g.decision.allowed ? 'allowed' : 'denied', reason: g.decision.allowed ? 'masked_list' : refusalReason(g.decision),
    })));
  }
  return { items, total };
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
  // What the masked view may show at all: fields some purpose gives this actor a basis for today.
  const facts = factsOfRow(ctx, row, read);
  const masked = await decideOnChild(ctx, actor, row.id, facts, { act: 'use', fields: DETAIL_FIELDS });
  if (req.purpose) {
    if (!isPurposeCode(req.purpose)) throw errors.validation([{ field: 'purpose', message: `未知的处理目的“${req.purpose}”` }]);
    outcome = await decideReveal(ctx, actor, row, facts, req.purpose);
    if (!outcome.decision.allowed) {
      const { code, error } = refusal(outcome.decision);
      await appendLedger(ctx.db, processingRecord(actor, { act: 'use', accountableOrgId: row.owner_org_id, purpose: req.purpose, childIds: [id], fields: [...read], outcome: 'denied', reason: `${code}:${error.details.article ?? ''}` }));
      throw error;
    }
    reveal = new Set(outcome.decision.allowedFields);
  }
  const [guardians, visits] = await Promise.all([repo.guardiansOf(ctx.db, id), repo.visitsOf(ctx.db, id)]);
  const permitted = new Set<string>([...masked.allowedFields, ...reveal]);
  const detail = childView(ctx, row, reveal, read, guardians, visits, permitted).detail;
  await appendLedger(ctx.db, processingRecord(actor, {
    act: 'use', accountableOrgId: row.owner_org_id, ...(outcome ? { purpose: req.purpose!, basis: outcome.basisRef } : combinedBasis(masked)), childIds: [id], fields: [...read],
    outcome: outcome || masked.allowed ? 'allowed' : 'denied', reason: req.purpose ? `revealed:${(req.justification ?? '').slice(0, 200)}` : masked.allowed ? 'masked_view' : refusalReason(masked),
  }));
  return { ...detail, ...(outcome ? { basis: outcome.dto } : {}) };
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu.test(s);
}


