import { errors, ROLES, type FieldKey, type OrgType, type Role } from '@hutong/core';
import { combinedBasis, decideCollect } from '../registry/child-decision.ts';
import { storedFieldNames } from '../registry/child-writer.ts';
import { getDivisions } from '@hutong/divisions';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { orgsService } from '../orgs/index.ts';
import { usersService } from '../users/index.ts';
import { validateChildInput, type ChildInput } from '../registry/child-input.ts';
import { today as todayInChina } from '../registry/registry.service.ts';
import { addVisit } from '../registry/registry-write.service.ts';
import { cliActor } from '../import/cli-actor.ts';
import { writeChildBatch } from '../import/child-batch.ts';
import { countChildren } from '../registry/registry-lookup.service.ts';
import { DEMO_ACCOUNTS, DEMO_ORGS, DEMO_TOWNSHIPS, OTHER_COUNTY, OTHER_COUNTY_SHARE, VILLAGES_PER_TOWNSHIP, VISIT_NOTES, type DemoAccount } from './demo-plan.ts';
import { personName, pick, seededRandom, syntheticChild, type ChildPlace } from './synthetic-people.ts';
import { placesUnder, toRawInput } from './synthetic-rows.ts';

export interface SeedOptions {
  /** How many children (default 1,000). */
  children?: number;
  /** Same seed, same names and numbers (the passwords are always fresh). */
  seed?: number;
  /** Home visits to record (default 1 per 50 children). */
  visits?: number;
  print?: (line: string) => void;
}

export interface SeedAccount { username: string; displayName: string; role: Role; roleLabel: string; orgName: string; jurisdiction: string; password: string }
export interface SeedOrg { id: string; name: string; type: OrgType; regionCode: string }
export interface SeedReport { orgs: SeedOrg[]; accounts: SeedAccount[]; children: number; visits: number; seconds: number }

const BATCH = 500;

/**
 * Fills an empty database with a believable county: organisations, one account per role and
 * synthetic children (see synthetic-people.ts) written through the same validation, writer and
 * ledger as an import. Refuses a database that already holds children: demo rows mixed into
 * real ones could never be told apart again.
 */
export async function seedDemo(ctx: AppContext, opts: SeedOptions = {}): Promise<SeedReport> {
  const started = process.hrtime.bigint();
  const print = opts.print ?? (() => {});
  const existing = await countChildren(ctx);
  if (existing > 0) throw errors.conflict(`数据库中已有 ${existing} 名儿童的记录，演示数据只能写入空数据库（请换一个 HUTONG_DATA_DIR 或新的 PostgreSQL 数据库）`);
  const admin = cliActor(null);
  const rand = seededRandom(opts.seed ?? 20_240_067);

  const orgs = new Map<string, SeedOrg>();
  for (const o of DEMO_ORGS) {
    const dto = await orgsService.createOrg(ctx, admin, { name: o.name, type: o.type, regionCode: o.region });
    orgs.set(o.key, { id: dto.id, name: dto.name, type: o.type, regionCode: dto.regionCode });
  }
  print(`已创建 ${orgs.size} 个演示机构`);

  const villages = new Map<string, ChildPlace[]>(DEMO_TOWNSHIPS.map((t) => [t, placesUnder(t, VILLAGES_PER_TOWNSHIP)]));
  const otherVillages = placesUnder(getDivisions().children(OTHER_COUNTY)[0]!.code, VILLAGES_PER_TOWNSHIP);
  const plan: DemoAccount[] = [...DEMO_ACCOUNTS];
  DEMO_TOWNSHIPS.forEach((t, i) => villages.get(t)!.forEach((v, n) => plan.push({
    username: `${i === 0 ? 'zd' : 'wt'}.zhuren${n + 1}`, org: i === 0 ? 'zd' : 'wt', role: 'child_director', jurisdiction: v.regionCode,
  })));
  const accounts: SeedAccount[] = [];
  const directorIds = new Map<string, string>();
  for (const a of plan) {
    const org = orgs.get(a.org)!;
    const displayName = personName(rand, rand() < 0.5 ? 'male' : 'female');
    const { user, password } = await usersService.createUser(ctx, admin, {
      username: a.username, displayName, orgId: org.id, role: a.role, ...(a.jurisdiction ? { jurisdiction: a.jurisdiction } : {}),
    });
    if (a.role === 'child_director') directorIds.set(user.jurisdiction, user.username);
    accounts.push({ username: user.username, displayName, role: a.role, roleLabel: ROLES[a.role], orgName: org.name, jurisdiction: user.jurisdiction, password });
  }
  print(`已创建 ${accounts.length} 个演示账号`);

  const total = opts.children ?? 1000;
  const today = todayInChina();
  const used = new Set<string>();
  const byOwner = new Map<string, ChildInput[]>();
  const sxPlaces = [...villages.values()].flat();
  for (let i = 0; i < total; i++) {
    const other = rand() < OTHER_COUNTY_SHARE;
    const place = other ? pick(rand, otherVillages) : pick(rand, sxPlaces);
    const owner = other ? orgs.get('other')! : orgs.get(place.regionCode.startsWith(DEMO_TOWNSHIPS[0].slice(0, 9)) ? 'zd' : 'wt')!;
    const { value, problems } = validateChildInput(toRawInput(syntheticChild(rand, place, today, used)), { today });
    // The generator must only make valid children; a refusal here is a bug in it, not bad luck.
    if (!value) throw new Error(`演示数据生成了无效记录：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`);
    byOwner.set(owner.id, [...(byOwner.get(owner.id) ?? []), value]);
  }
  const childIds: Array<{ id: string; region: string }> = [];
  for (const [ownerId, inputs] of byOwner) {
    const owner = [...orgs.values()].find((o) => o.id === ownerId)!;
    const actor = cliActor(owner);
    for (let i = 0; i < inputs.length; i += BATCH) {
      const batch = inputs.slice(i, i + BATCH);
      // The same collect decision as registration; the generator only makes children it allows.
      const bases = batch.map((c) => {
        const d = decideCollect(ctx, actor, c, storedFieldNames(c) as FieldKey[]);
        if (!d.allowed || d.strippedFields.length) throw new Error(`演示数据没有合法性基础：${d.reasons[0]?.message ?? ''}`);
        return combinedBasis(d);
      });
      const ids = await writeChildBatch(ctx, actor, ownerId, batch, bases, 'demo_seed');
      ids.forEach((id, k) => childIds.push({ id, region: batch[k]!.regionCode }));
    }
  }
  print(`已登记 ${childIds.length} 名演示儿童`);

  const visits = await seedVisits(ctx, orgs, childIds, directorIds, opts.visits ?? Math.ceil(total / 50), rand, today);
  return { orgs: [...orgs.values()], accounts, children: childIds.length, visits, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Home visits by each village's 儿童主任 (via the registry service, so each is a 收集 entry). */
async function seedVisits(ctx: AppContext, orgs: Map<string, SeedOrg>, children: Array<{ id: string; region: string }>, directors: Map<string, string>, n: number, rand: () => number, today: string): Promise<number> {
  const visited = children.filter((c) => directors.has(c.region));
  let done = 0;
  for (let i = 0; i < n && visited.length; i++) {
    const c = pick(rand, visited);
    const org = orgs.get(c.region.startsWith(DEMO_TOWNSHIPS[0].slice(0, 9)) ? 'zd' : 'wt')!;
    const actor: Actor = { ...cliActor(org, 'child_director'), jurisdiction: c.region };
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - Math.floor(rand() * 60) * 86_400_000).toISOString().slice(0, 10);
    await addVisit(ctx, actor, c.id, { visitedOn: day, ...pick(rand, VISIT_NOTES) });
    done++;
  }
  return done;
}
