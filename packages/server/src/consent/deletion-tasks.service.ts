import { hasReachedAge, PURPOSE_CODES, PURPOSES_CATALOGUE, statutoryDutyFor, type OrgType, type PurposeCode } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { birthDatesInScope } from '../registry/registry-lookup.service.ts';
import { today } from '../registry/registry.service.ts';

export interface DeletionTask {
  childId: string;
  reason: 'age_18' | 'consent_ended';
  message: string;
  article: string;
  purposes: Array<{ code: string; label: string }>;
}

/**
 * 个人信息保护法 第四十七条: when the purpose is achieved or can no longer be, or consent is
 * withdrawn, the data is deleted. Two cases the platform can see by itself:
 * - the child is 已满十八周岁, and every purpose the holding org relies on ends at 18;
 * - every consent on file has been withdrawn or has expired, and the holding org has no
 *   statutory duty of its own (civil affairs keeps the children of its social-assistance duty).
 * Completing a task is DELETE /api/children/:id (crypto-shredding, a 删除 ledger entry).
 */
export async function deletionTasks(ctx: AppContext, actor: Actor): Promise<DeletionTask[]> {
  const t = today();
  const children = await birthDatesInScope(ctx, actor);
  if (children.length === 0) return [];
  const orgs = await ctx.db.selectFrom('orgs').select(['id', 'type']).execute();
  const orgType = new Map(orgs.map((o) => [o.id, o.type as OrgType]));
  const consents = await ctx.db.selectFrom('consents').select(['child_id', 'purposes', 'withdrawn_at', 'valid_until'])
    .where('child_id', 'in', children.map((c) => c.id)).execute();
  const tasks: DeletionTask[] = [];
  for (const c of children) {
    const type = orgType.get(c.ownerOrgId);
    if (!type) continue;
    const ownPurposes = (Object.keys(PURPOSES_CATALOGUE) as PurposeCode[]).filter((p) => !PURPOSES_CATALOGUE[p].forbidden && statutoryDutyFor(p, type, 'store'));
    if (hasReachedAge(c.birthDate, t, 18) && ownPurposes.every((p) => PURPOSES_CATALOGUE[p].retention.until.includes('age_18'))) {
      tasks.push({ childId: c.id, reason: 'age_18', article: '《个人信息保护法》第四十七条第一款第一项', message: '儿童已年满十八周岁，所依据的处理目的均已届满，应予删除（法律、行政法规另有规定的除外）', purposes: ownPurposes.map(label) });
      continue;
    }
    const mine = consents.filter((x) => x.child_id === c.id);
    if (mine.length === 0) continue;
    const live = mine.some((x) => !x.withdrawn_at && (!x.valid_until || x.valid_until >= t));
    const purposes = [...new Set(mine.flatMap((x) => x.purposes))] as PurposeCode[];
    // An org that holds the child under a statutory duty keeps it whatever happens to consents.
    if (!live && ownPurposes.length === 0) {
      tasks.push({ childId: c.id, reason: 'consent_ended', article: '《个人信息保护法》第四十七条第一款第三项', message: '全部同意均已撤回或到期，且没有其他合法性基础，应停止处理并删除', purposes: purposes.map(label) });
    }
  }
  return tasks;
}

const label = (p: PurposeCode) => ({ code: p, label: PURPOSE_CODES[p] });
