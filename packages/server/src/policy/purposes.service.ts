import { applyPurposeEdit, errors, isPurposeCode, ORG_TYPES, PURPOSES_CATALOGUE, purposeEditProblems, type PurposeCode, type PurposeDefinition, type PurposeEdit } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission } from '../access/child-scope.ts';
import { auditAdmin } from '../auth/admin-audit.ts';
import { sm3 } from '../shared/crypto/index.ts';

export function purposeDto(ctx: AppContext, p: PurposeDefinition) {
  const v = ctx.purposes.version(p.code);
  return {
    code: p.code, label: p.label, forbidden: p.forbidden, publication: p.publication,
    orgTypes: p.orgTypes.map((t) => ({ code: t, label: ORG_TYPES[t] })),
    fieldRules: p.fieldRules.map((f) => ({ orgTypes: f.orgTypes, acts: f.acts, fields: f.fields })),
    statutoryDuties: p.statutoryDuties.map((d) => ({ orgTypes: d.orgTypes, acts: d.acts, message: d.message })),
    retention: p.retention,
    version: v.version, updatedAt: v.updatedAt, updatedBy: v.updatedBy, updatedByName: v.updatedByName, changeNote: v.changeNote,
    /** Whether this differs from the seeded definition in packages/core. */
    edited: v.version > 0,
  };
}

/**
 * A protection officer's edit (个人信息保护法 第五十二条). The edit is checked against the
 * articles, stored with a version, ledgered with the SM3 of the new definition (so an auditor
 * can tell which rules were in force when), and applies to the very next decision.
 */
export async function updatePurpose(ctx: AppContext, actor: Actor, code: string, edit: PurposeEdit & { changeNote: string }) {
  assertPermission(actor, 'purpose.manage');
  if (!isPurposeCode(code)) throw errors.notFound('处理目的');
  const base = ctx.purposes.current()[code];
  const problems = purposeEditProblems(code, PURPOSES_CATALOGUE[code as PurposeCode], edit);
  if (!edit.changeNote.trim()) problems.push({ field: 'changeNote', message: '请填写修改说明' });
  if (problems.length) {
    if (PURPOSES_CATALOGUE[code].forbidden) throw errors.forbidden(problems[0]!.message, '《困境儿童个人信息保护工作办法》第十五条');
    throw errors.validation(problems);
  }
  // Edits start from the seeded definition so citations and duties always come from the law, never from an earlier edit.
  const next = applyPurposeEdit(PURPOSES_CATALOGUE[code], edit);
  const json = JSON.stringify(next);
  const version = ctx.purposes.version(code).version + 1;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('purposes').values({ code, definition: json, version, updated_by: actor.via === 'cli' ? null : actor.userId, change_note: edit.changeNote.trim().slice(0, 500) })
      .onConflict((oc) => oc.column('code').doUpdateSet({ definition: json, version, updated_by: actor.via === 'cli' ? null : actor.userId, updated_at: new Date(), change_note: edit.changeNote.trim().slice(0, 500) }))
      .execute();
    await auditAdmin(trx, 'purpose_update', actor, `purpose:${code}`, { reason: `v${version} sm3:${sm3(Buffer.from(json)).toString('hex')}`, fields: changedParts(base, next) });
  });
  await ctx.purposes.reload();
  return purposeDto(ctx, ctx.purposes.current()[code]);
}

function changedParts(a: PurposeDefinition, b: PurposeDefinition): string[] {
  return (['orgTypes', 'fieldRules', 'statutoryDuties', 'retention'] as const).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
