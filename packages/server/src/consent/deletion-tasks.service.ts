import { compareIsoDates, hasReachedAge, PURPOSE_CODES, statutoryDutyFor, type OrgType, type PurposeCode, type PurposesCatalogue } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { birthDatesInScope, workListLabels } from '../registry/registry-lookup.service.ts';
import { today } from '../registry/registry.service.ts';
import { basisFactsForMany, type BasisFacts } from './consent-records.ts';

export interface DeletionTask {
  childId: string;
  /** Masked (张**), so rows can be told apart. */
  name: string | null;
  regionName: string;
  reason: 'age_18' | 'consent_ended' | 'purpose_ended';
  message: string;
  article: string;
  purposes: Array<{ code: string; label: string }>;
}

const ARTICLE = '《个人信息保护法》第四十七条第一款';
const MESSAGES: Record<DeletionTask['reason'], string> = {
  age_18: '儿童已年满十八周岁，所依据的处理目的均已届满，应予删除（法律、行政法规另有规定的除外）',
  consent_ended: '全部同意均已撤回或到期，且没有其他合法性基础，应停止处理并删除',
  purpose_ended: '所依据的处理目的均已结束（救助终止、活动结束或案件办结），应停止处理并删除（法律、行政法规规定的保存期限未届满的，仅存储）',
};

/**
 * 个人信息保护法 第四十七条: when every purpose the holding org could rest this child on has
 * ended — its own statutory purposes (ended at 18 or recorded as ended) and every consent
 * (withdrawn, expired, or its purpose recorded as ended) — the child's data is to be deleted.
 * Reads the catalogue in force. Completing a task is DELETE /api/children/:id (crypto-shredding).
 */
export async function deletionTasks(ctx: AppContext, actor: Actor): Promise<DeletionTask[]> {
  const t = today();
  const children = await birthDatesInScope(ctx, actor);
  if (children.length === 0) return [];
  const catalogue = ctx.purposes.current();
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'type']).execute();
  const orgType = new Map(orgs.map((o) => [o.id, o.type as OrgType]));
  const facts = await basisFactsForMany(ctx.db, children.map((c) => c.id));
  const tasks: Array<Omit<DeletionTask, 'name' | 'regionName'>> = [];
  for (const c of children) {
    const type = orgType.get(c.ownerOrgId);
    if (!type) continue;
    const task = taskFor(catalogue, type, c.birthDate, t, facts.get(c.id) ?? { consents: [], guardianNotices: [], endedPurposes: [] });
    if (task) tasks.push({ childId: c.id, ...task, article: ARTICLE, message: MESSAGES[task.reason] });
  }
  const labels = await workListLabels(ctx, actor, tasks.map((x) => x.childId), 'deletion_queue');
  return tasks.map((x) => ({ ...x, name: labels.get(x.childId)?.name ?? null, regionName: labels.get(x.childId)?.regionName ?? '' }));
}

function taskFor(catalogue: PurposesCatalogue, type: OrgType, birthDate: string, t: string, f: BasisFacts): { reason: DeletionTask['reason']; purposes: DeletionTask['purposes'] } | null {
  const ended = new Set(f.endedPurposes ?? []);
  const adult = hasReachedAge(birthDate, t, 18);
  const endedByAge = (p: PurposeCode) => adult && catalogue[p].retention.until.includes('age_18');
  const own = (Object.keys(catalogue) as PurposeCode[]).filter((p) => !catalogue[p].forbidden && statutoryDutyFor(p, type, 'store', catalogue));
  const consented = [...new Set(f.consents.flatMap((c) => c.purposes))];
  const live = (p: PurposeCode) => f.consents.some((c) => c.purposes.includes(p) && !c.withdrawn && (!c.expiresOn || compareIsoDates(c.expiresOn, t) >= 0));
  const relied = [...new Set([...own, ...consented])];
  if (relied.length === 0) return null;
  const alive = relied.filter((p) => !ended.has(p) && !endedByAge(p) && (own.includes(p) || live(p)));
  if (alive.length > 0) return null;
  const purposes = relied.map((p) => ({ code: p, label: PURPOSE_CODES[p] }));
  if (relied.some((p) => ended.has(p))) return { reason: 'purpose_ended', purposes };
  if (relied.some(endedByAge)) return { reason: 'age_18', purposes };
  return { reason: 'consent_ended', purposes };
}
