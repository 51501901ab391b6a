import { randomUUID } from 'node:crypto';
import { errors, FIELD_CATALOGUE, type FieldKey, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import * as repo from './children.repo.ts';
import { validateChildInput, parseGuardians, type RawChildInput } from './child-input.ts';
import { forgetChildKey, openChildKey, openField, sealFields } from './child-cipher.ts';
import { guardianRow } from './child-writer.ts';
import { childTokens, idNumberIndex, nameBirthIndex } from './child-indexes.ts';
import { processingRecord } from './registry.ledger.ts';
import { combinedBasis, factsOfRow, requireBasis } from './child-decision.ts';
import { isUuid, today } from './registry.service.ts';
import { inSubtree } from '../access/jurisdiction.ts';

const EDITABLE = ['name', 'gender', 'birthDate', 'idNumber', 'ethnicity', 'phone', 'householdAddress', 'residenceAddress', 'regionCode', 'school', 'grade', 'categories', 'health', 'disability', 'abuseVictim', 'guardianSituation', 'assistance'] as const;
const SEALED = EDITABLE.filter((k) => FIELD_CATALOGUE[k].encrypted);

async function childForWrite(ctx: AppContext, actor: Actor, id: string) {
  const row = await repo.findChild(ctx.db, actor, id, 'child.write');
  if (!row) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'store', childIds: isUuid(id) ? [id] : [], outcome: 'denied', reason: 'not_found_or_out_of_scope' }));
    throw errors.notFound('儿童');
  }
  return { row, cipher: openChildKey(ctx.keyring, row.id, row.data_key_wrapped!, row.master_key_version!) };
}

/** Edits re-validate the whole merged record, so an edit can never leave it inconsistent. */
export async function updateChild(ctx: AppContext, actor: Actor, id: string, patch: Partial<Record<(typeof EDITABLE)[number], unknown>> & { canExpressWill?: boolean; purpose?: PurposeCode }): Promise<{ id: string; changed: string[] }> {
  const { row, cipher } = await childForWrite(ctx, actor, id);
  const current: RawChildInput = { gender: row.gender, grade: row.grade ?? undefined, regionCode: row.region_code };
  for (const k of SEALED) {
    const v = openField(cipher, 'children', id, row.fields_enc, k);
    if (v !== undefined) (current as Record<string, unknown>)[k] = k === 'categories' ? JSON.parse(v) : v;
  }
  const { purpose, canExpressWill, ...fieldPatch } = patch;
  const merged = { ...current, ...fieldPatch };
  const { value, problems } = validateChildInput(merged, { today: today() });
  if (!value) throw errors.validation(problems);
  const changed: string[] = EDITABLE.filter((k) => k in fieldPatch && JSON.stringify((current as Record<string, unknown>)[k] ?? null) !== JSON.stringify((value as unknown as Record<string, unknown>)[k] ?? null));
  if (changed.includes('regionCode') && !(inSubtree(actor.jurisdiction, value.regionCode) && inSubtree(actor.orgRegion!, value.regionCode))) {
    throw errors.validation([{ field: 'regionCode', message: '不能把儿童迁出您的管辖范围；跨辖区转移请由上级机构办理' }]);
  }
  const will = canExpressWill ?? row.can_express_will;
  // Whether the child can express a will decides who consents (第十二条第三款); it is health-related, so it rides with 'health'.
  const decided = [...changed, ...(will !== row.can_express_will ? ['health'] : [])] as FieldKey[];
  const decision = await requireBasis(ctx, actor, { id, ownerOrgId: row.owner_org_id }, { birthDate: value.birthDate, regionCode: value.regionCode, categories: value.categories, canExpressWill: will }, { act: 'store', fields: [...new Set(decided)], purpose }, '修改');
  if (will !== row.can_express_will) changed.push('canExpressWill');
  await ctx.db.transaction().execute(async (trx) => {
    if (changed.includes('idNumber') && value.idNumber && (await repo.existingIdNumberIndexes(trx, [idNumberIndex(ctx.keyring, value.idNumber)])).size) {
      throw errors.validation([{ field: 'idNumber', message: '该身份证号已登记' }]);
    }
    const values: Record<string, string | undefined> = { categories: JSON.stringify(value.categories) };
    for (const k of SEALED) if (k !== 'categories') values[k] = (value as unknown as Record<string, string | undefined>)[k];
    await trx.updateTable('children').set({
      region_code: value.regionCode, gender: value.gender, grade: value.grade ?? null,
      fields_enc: JSON.stringify(sealFields(cipher, 'children', id, values)),
      bidx_id_number: value.idNumber ? idNumberIndex(ctx.keyring, value.idNumber) : null,
      bidx_name_birth: nameBirthIndex(ctx.keyring, value.name, value.birthDate),
      can_express_will: will,
      updated_at: new Date(),
    }).where('id', '=', id).execute();
    await trx.deleteFrom('child_index_tokens').where('child_id', '=', id).execute();
    await trx.insertInto('child_index_tokens').values(childTokens(ctx.keyring, value).map((t) => ({ child_id: id, ...t }))).onConflict((oc) => oc.doNothing()).execute();
    await appendLedger(trx, processingRecord(actor, { act: 'store', accountableOrgId: row.owner_org_id, ...combinedBasis(decision), childIds: [id], fields: changed, outcome: 'succeeded', reason: 'update' }));
  });
  return { id, changed };
}

export async function addGuardian(ctx: AppContext, actor: Actor, childId: string, raw: { purpose?: PurposeCode } & Record<string, unknown>): Promise<{ id: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const { purpose, ...input } = raw;
  const [g] = parseGuardians([input], (field, message) => problems.push({ field: field.replace(/^guardians\[0\]\./u, ''), message }));
  if (!g) throw errors.validation(problems);
  const { row, cipher } = await childForWrite(ctx, actor, childId);
  const fields: FieldKey[] = ['guardianName', 'guardianRelation', ...(g.phone ? ['guardianPhone' as const] : []), ...(g.idNumber ? ['guardianIdNumber' as const] : [])];
  const decision = await requireBasis(ctx, actor, { id: childId, ownerOrgId: row.owner_org_id }, factsOfRow(ctx, row, new Set()), { act: 'collect', fields, purpose }, '登记监护人');
  return ctx.db.transaction().execute(async (trx) => {
    const r = guardianRow(ctx.keyring, cipher, childId, g);
    await trx.insertInto('guardians').values(r).execute();
    await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: row.owner_org_id, ...combinedBasis(decision), childIds: [childId], fields, outcome: 'succeeded' }));
    return { id: r.id };
  });
}

export const VISIT_KINDS = { home: '入户走访', phone: '电话回访', school: '到校了解', other: '其他' } as const;

/** 儿童主任's home visit (未成年人保护法 第四十三条 village files). */
export async function addVisit(ctx: AppContext, actor: Actor, childId: string, v: { visitedOn: string; kind: keyof typeof VISIT_KINDS; notes: string; purpose?: PurposeCode | undefined }): Promise<{ id: string }> {
  if (v.visitedOn > today()) throw errors.validation([{ field: 'visitedOn', message: '走访日期不能晚于今天' }]);
  const { row, cipher } = await childForWrite(ctx, actor, childId);
  const decision = await requireBasis(ctx, actor, { id: childId, ownerOrgId: row.owner_org_id }, factsOfRow(ctx, row, new Set()), { act: 'collect', fields: ['visitNotes'], purpose: v.purpose }, '记录走访');
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('visits').values({ id, child_id: childId, visitor_user_id: actor.via === 'cli' ? null : actor.userId, visited_on: v.visitedOn, kind: v.kind, fields_enc: JSON.stringify(sealFields(cipher, 'visits', id, { visitNotes: v.notes })) }).execute();
    await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: row.owner_org_id, ...combinedBasis(decision), childIds: [childId], fields: ['visitNotes'], outcome: 'succeeded', reason: 'home_visit' }));
  });
  return { id };
}

/**
 * Deletion destroys the child's data key (crypto-shredding): every sealed value, its guardians'
 * and its visits' become unreadable at once, in backups too. The ledger keeps field names only,
 * so the history of what was done survives the deletion (第四条).
 */
export async function deleteChild(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<void> {
  if (!reason.trim()) throw errors.validation([{ field: 'reason', message: '请说明删除原因' }]);
  const { row } = await childForWrite(ctx, actor, id);
  // 删除 rests on 第四十七条 whatever else holds; the decision still checks role and org type.
  const decision = await requireBasis(ctx, actor, { id, ownerOrgId: row.owner_org_id }, factsOfRow(ctx, row, new Set()), { act: 'delete', fields: ['name'] }, '删除');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('children').set({ data_key_wrapped: null, master_key_version: null, fields_enc: '{}', bidx_id_number: null, bidx_name_birth: null, shredded_at: new Date() }).where('id', '=', id).execute();
    await trx.deleteFrom('child_index_tokens').where('child_id', '=', id).execute();
    await trx.updateTable('guardians').set({ fields_enc: '{}', bidx_guardian_id_number: null, bidx_guardian_name: null }).where('child_id', '=', id).execute();
    await trx.updateTable('visits').set({ fields_enc: '{}' }).where('child_id', '=', id).execute();
    await appendLedger(trx, processingRecord(actor, { act: 'delete', accountableOrgId: row.owner_org_id, purpose: combinedBasis(decision).purpose, basis: decision.used[0] ? decision.used[0].decision.reasons[0]?.clause ?? '' : '', childIds: [id], fields: Object.keys(row.fields_enc), outcome: 'succeeded', reason: reason.slice(0, 200) }));
  });
  forgetChildKey(id);
}

export type { FieldKey };
