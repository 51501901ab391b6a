import { randomUUID } from 'node:crypto';
import {
  CLAUSES, errors, isOrgTypeAllowedFor, normaliseRegionCode, ORG_TYPES, parseCategory, purposeDefinition,
  type FieldKey, type FieldProblem, type OrgType,
} from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { assertPermission } from '../access/child-scope.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { today } from '../registry/registry.service.ts';
import type { AgreementCreate } from './sharing.schema.ts';
import { fieldProblems, periodProblems } from './sharing.rules.ts';
import { findAgreement, findOrg } from './sharing.queries.ts';
import { purposeLabel, toAgreementDto, type AgreementDto } from './sharing.dto.ts';
import { lifecycleRecord } from './sharing.ledger.ts';

/** Which children, normalised; problems name the sub-field at fault. */
function childrenSpec(c: AgreementCreate['children'], problems: FieldProblem[]) {
  if (!c.childIds?.length && !c.regionCode && !c.category) {
    problems.push({ field: 'children', message: '请指定儿童，或按区划、儿童类别说明范围（至少填一项）' });
  }
  let regionCode: string | null = null;
  if (c.regionCode) {
    try {
      regionCode = normaliseRegionCode(c.regionCode);
    } catch (e) {
      problems.push({ field: 'children.regionCode', message: e instanceof Error ? e.message : String(e) });
    }
  }
  const category = c.category ? parseCategory(c.category) ?? null : null;
  if (c.category && !category) problems.push({ field: 'children.category', message: `未知的儿童类别“${c.category}”` });
  return { childIds: [...new Set(c.childIds ?? [])], regionCode, category };
}

/**
 * A department or organisation asks the owner for an agreement (个人信息保护法 第二十三条). Refused
 * outright: 第十五条 purposes and org types the purpose does not name. Otherwise every problem is
 * reported at once, and nothing is written unless there is none.
 */
export async function requestAgreement(ctx: AppContext, actor: Actor, b: AgreementCreate): Promise<AgreementDto> {
  assertPermission(actor, 'sharing.request');
  if (!actor.orgId || !actor.orgType) throw errors.forbidden('您的账号未归属任何机构，不能申请数据共享');
  const orgType: OrgType = actor.orgType;
  const catalogue = ctx.purposes.current();
  const def = purposeDefinition(b.purpose, catalogue);
  const label = `“${purposeLabel(b.purpose)}”`;
  if (def.forbidden) throw errors.forbidden(`不得利用困境儿童个人信息进行${label}，无论是否取得同意，一律不予共享`, CLAUSES.m15);
  if (!isOrgTypeAllowedFor(b.purpose, orgType, catalogue)) {
    const allowed = def.orgTypes.map((t) => ORG_TYPES[t]).join('、');
    throw errors.forbidden(`${ORG_TYPES[orgType]}不得以${label}为目的处理困境儿童个人信息（可用于：${allowed}）`, CLAUSES[def.clauses[0]!]);
  }

  const problems: FieldProblem[] = [];
  const fields = [...new Set(b.fields)] as FieldKey[];
  problems.push(...fieldProblems(b.purpose, orgType, fields, catalogue));
  problems.push(...periodProblems({ startsOn: b.startsOn, endsOn: b.endsOn, activityEndsOn: b.activityEndsOn, orgType, today: today() }));
  const children = childrenSpec(b.children, problems);
  const owner = await findOrg(ctx.db, b.ownerOrgId);
  if (!owner) problems.push({ field: 'ownerOrgId', message: '提供方机构不存在' });
  else if (owner.id === actor.orgId) problems.push({ field: 'ownerOrgId', message: '提供方不能是本机构：本机构内部的处理不需要数据共享协议' });
  if (problems.length) throw errors.validation(problems);

  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('sharing_agreements').values({
      id, requester_org_id: actor.orgId!, owner_org_id: owner!.id, purpose: b.purpose,
      child_ids: children.childIds, region_code: children.regionCode, category: children.category, fields,
      starts_on: b.startsOn, ends_on: b.endsOn, activity_ends_on: b.activityEndsOn ?? null,
      security_measures: b.securityMeasures, responsible_person: JSON.stringify(b.responsiblePerson),
      requested_by: actor.userId, status: 'requested',
    }).execute();
    await appendLedger(trx, lifecycleRecord(actor, 'sharing_request', { agreementId: id, ownerOrgId: owner!.id, purpose: b.purpose, fields }));
  });
  return toAgreementDto((await findAgreement(ctx.db, id))!, today(), null);
}
