import { errors, type FieldKey, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import * as repo from './children.repo.ts';
import { parseGuardians } from './child-input.ts';
import { openChildKey, openField, sealFields } from './child-cipher.ts';
import { guardianIdIndex, guardianNameIndex } from './child-indexes.ts';
import { processingRecord } from './registry.ledger.ts';
import { combinedBasis, factsOfRow, requireBasis } from './child-decision.ts';
import { isUuid } from './registry.service.ts';

const SEALED = ['guardianName', 'guardianPhone', 'guardianIdNumber'] as const;

async function guardianForWrite(ctx: AppContext, actor: Actor, childId: string, guardianId: string) {
  const child = await repo.findChild(ctx.db, actor, childId, 'child.write');
  const guardian = child && isUuid(guardianId) ? (await repo.guardiansOf(ctx.db, childId)).find((g) => g.id === guardianId) : undefined;
  if (!child || !guardian) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'store', childIds: isUuid(childId) ? [childId] : [], outcome: 'denied', reason: 'guardian_not_found_or_out_of_scope' }));
    throw errors.notFound('监护人');
  }
  return { child, guardian, cipher: openChildKey(ctx.keyring, child.id, child.data_key_wrapped!, child.master_key_version!) };
}

/** Edits re-validate the merged guardian, as child edits do. */
export async function updateGuardian(ctx: AppContext, actor: Actor, childId: string, guardianId: string, body: { name?: string; relation?: string; phone?: string; idNumber?: string; purpose?: PurposeCode | undefined }): Promise<{ id: string; changed: string[] }> {
  const { purpose, ...patch } = body;
  const { child, guardian, cipher } = await guardianForWrite(ctx, actor, childId, guardianId);
  const current = {
    name: openField(cipher, 'guardians', guardianId, guardian.fields_enc, 'guardianName'),
    relation: guardian.relation,
    phone: openField(cipher, 'guardians', guardianId, guardian.fields_enc, 'guardianPhone'),
    idNumber: openField(cipher, 'guardians', guardianId, guardian.fields_enc, 'guardianIdNumber'),
  };
  const problems: Array<{ field: string; message: string }> = [];
  const [g] = parseGuardians([{ ...current, ...patch }], (field, message) => problems.push({ field: field.replace(/^guardians\[0\]\./u, ''), message }));
  if (!g) throw errors.validation(problems);
  const names = { name: 'guardianName', relation: 'guardianRelation', phone: 'guardianPhone', idNumber: 'guardianIdNumber' } as const;
  const changed = (Object.keys(names) as Array<keyof typeof names>).filter((k) => k in patch && (current[k] ?? null) !== (g[k] ?? null)).map((k) => names[k]);
  const decision = await requireBasis(ctx, actor, { id: childId, ownerOrgId: child.owner_org_id }, factsOfRow(ctx, child, new Set()), { act: 'store', fields: changed as FieldKey[], purpose }, '修改监护人');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('guardians').set({
      relation: g.relation,
      fields_enc: JSON.stringify(sealFields(cipher, 'guardians', guardianId, { guardianName: g.name, guardianPhone: g.phone, guardianIdNumber: g.idNumber })),
      bidx_guardian_id_number: g.idNumber ? guardianIdIndex(ctx.keyring, g.idNumber) : null,
      bidx_guardian_name: guardianNameIndex(ctx.keyring, g.name),
      updated_at: new Date(),
    }).where('id', '=', guardianId).execute();
    await appendLedger(trx, processingRecord(actor, { act: 'store', accountableOrgId: child.owner_org_id, ...combinedBasis(decision), childIds: [childId], fields: changed, outcome: 'succeeded', reason: 'guardian_update' }));
  });
  return { id: guardianId, changed };
}

export async function removeGuardian(ctx: AppContext, actor: Actor, childId: string, guardianId: string, reason: string): Promise<void> {
  if (!reason.trim()) throw errors.validation([{ field: 'reason', message: '请说明删除原因' }]);
  const { child, guardian } = await guardianForWrite(ctx, actor, childId, guardianId);
  const decision = await requireBasis(ctx, actor, { id: childId, ownerOrgId: child.owner_org_id }, factsOfRow(ctx, child, new Set()), { act: 'delete', fields: ['guardianName'] }, '删除监护人');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('guardians').where('id', '=', guardianId).execute();
    await appendLedger(trx, processingRecord(actor, {
      act: 'delete', accountableOrgId: child.owner_org_id, ...combinedBasis(decision), childIds: [childId],
      fields: ['guardianRelation', ...SEALED.filter((k) => guardian.fields_enc[k] !== undefined)], outcome: 'succeeded', reason: `guardian_remove:${reason.slice(0, 200)}`,
    }));
  });
}
