import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { errors, FORBIDDEN_PURPOSES, PURPOSE_CODES, type ConsentRecord, type OrgType } from '@hutong/core';
import type { Database } from '../shared/db/schema.ts';
import type { Actor } from '../shared/http/actor.ts';
import { sm3 } from '../shared/crypto/index.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { processingRecord } from '../registry/registry.ledger.ts';
import type { ConsentCreate } from './consent.schema.ts';

export const CONSENT_BASIS = '《个人信息保护法》第十三条第一款第一项、第三十一条；《困境儿童个人信息保护工作办法》第十二条';

/**
 * Rules on a consent record itself (who, for what, how it is evidenced), shared by the consent
 * screen and registration with a consent in hand. `at` prefixes field paths ('consent.').
 */
export function assertConsentRecordable(c: ConsentCreate, today: string, at = '', guardianNamed = c.guardianId !== undefined): void {
  const problems: Array<{ field: string; message: string }> = [];
  const forbidden = c.purposes.filter((p) => (FORBIDDEN_PURPOSES as string[]).includes(p));
  if (forbidden.length) throw errors.forbidden(`“${forbidden.map((p) => PURPOSE_CODES[p]).join('、')}”不是可以征得同意的目的：无论是否同意均不得处理`, '《困境儿童个人信息保护工作办法》第十五条');
  if (c.givenBy === 'guardian' && !guardianNamed) problems.push({ field: `${at}guardianId`, message: '监护人同意须指明是哪位监护人' });
  if (c.separate && c.purposes.length !== 1) problems.push({ field: `${at}purposes`, message: '单独同意只能针对一个处理目的，不得与其他目的捆绑（《个人信息保护法》第二十三、二十五、二十九条）' });
  if (c.purposes.includes('publicity') && (!c.noticeOfNecessityAndImpact || !c.notice.necessityAndImpact)) {
    problems.push({ field: `${at}notice.necessityAndImpact`, message: '发布涉及儿童身份的信息，须事先告知必要性及对个人权益的影响（《困境儿童个人信息保护工作办法》第十三条）' });
  }
  if (c.givenOn > today) problems.push({ field: `${at}givenOn`, message: '同意日期不能晚于今天' });
  if (c.validUntil && c.validUntil < c.givenOn) problems.push({ field: `${at}validUntil`, message: '有效期不能早于同意日期' });
  if (c.method === 'paper' && !c.evidenceBase64) problems.push({ field: `${at}evidenceBase64`, message: '书面同意须上传同意书扫描件' });
  if (c.evidenceBase64 && Buffer.from(c.evidenceBase64, 'base64').length === 0) problems.push({ field: `${at}evidenceBase64`, message: '证据文件为空或不是有效的 base64' });
  if (problems.length) throw errors.validation(problems);
}

/** The record as the decision reads it, before it is stored (registration decides on it first). */
export function consentAsRecord(c: ConsentCreate, id: string): ConsentRecord {
  return {
    id, by: c.givenBy, purposes: [...new Set(c.purposes)],
    ...(c.recipientOrgTypes?.length ? { recipientOrgTypes: c.recipientOrgTypes as OrgType[] } : {}),
    ...(c.recipientOrgIds?.length ? { recipientOrgIds: c.recipientOrgIds } : {}),
    date: c.givenOn, expiresOn: c.validUntil ?? null, withdrawn: false, noticeOfNecessityAndImpact: c.noticeOfNecessityAndImpact ?? false,
  };
}

/** Inserts the consent and its 收集 ledger entry in the caller's transaction. Only the evidence file's SM3 is kept. */
export async function insertConsent(
  trx: Kysely<Database>, actor: Actor, child: { id: string; ownerOrgId: string }, guardian: { id: string; relation: string } | undefined, c: ConsentCreate, id: string = randomUUID(),
) {
  const evidence = c.evidenceBase64 ? Buffer.from(c.evidenceBase64, 'base64') : undefined;
  const inserted = await trx.insertInto('consents').values({
    id, child_id: child.id, given_by: c.givenBy, guardian_id: guardian?.id ?? null, guardian_relation: guardian?.relation ?? null,
    purposes: [...new Set(c.purposes)], recipient_org_types: c.recipientOrgTypes ?? [], recipient_org_ids: c.recipientOrgIds ?? [],
    field_classes: c.fieldClasses ?? [], separate: c.separate ?? false, given_on: c.givenOn, valid_until: c.validUntil ?? null,
    method: c.method, evidence_sm3: evidence ? sm3(evidence).toString('hex') : null, notice: JSON.stringify(c.notice),
    notice_of_necessity_and_impact: c.noticeOfNecessityAndImpact ?? false,
    recorded_by: actor.via === 'cli' ? null : actor.userId, recorded_org_id: actor.orgId,
  }).returningAll().executeTakeFirstOrThrow();
  await appendLedger(trx, processingRecord(actor, { act: 'collect', accountableOrgId: child.ownerOrgId, purpose: c.purposes.join(','), basis: CONSENT_BASIS, childIds: [child.id], outcome: 'succeeded', reason: `consent_record:${id}` }));
  return inserted;
}
