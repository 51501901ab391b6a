import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber } from '@hutong/core';
import { seedDemo, type AppContext, type SeedReport } from '../src/server-api.ts';
import { createTestContext } from '../../server/test/helpers/test-context.ts';
import { passwordProblems } from '../../server/src/auth/passwords.ts';
import { listChildren } from '../../server/src/registry/registry.service.ts';
import { cliActor } from '../../server/src/import/index.ts';

let ctx: AppContext;
let report: SeedReport;

beforeAll(async () => {
  ctx = await createTestContext();
  report = await seedDemo(ctx, { children: 300, seed: 7 });
});
afterAll(async () => ctx?.close());

describe('hutong demo seed', () => {
  it('creates the demo orgs, one account per role (a 儿童主任 per village) and the children', async () => {
    expect(report.orgs.map((o) => o.type)).toEqual(['civil_affairs', 'civil_affairs', 'civil_affairs', 'education', 'school', 'social_org', 'publicity', 'cyberspace', 'civil_affairs']);
    expect(report.orgs.every((o) => o.name.endsWith('（演示）'))).toBe(true);
    const roles = new Set(report.accounts.map((a) => a.role));
    for (const r of ['protection_officer', 'civil_affairs_officer', 'child_supervisor', 'child_director', 'auditor', 'volunteer', 'social_worker', 'reviewer', 'department_staff']) expect(roles).toContain(r);
    expect(report.accounts.filter((a) => a.role === 'child_director').every((a) => /^\d{12}$/u.test(a.jurisdiction) && !a.jurisdiction.endsWith('000'))).toBe(true);
    expect(report.accounts.every((a) => passwordProblems(a.password, a.username).length === 0)).toBe(true);
    expect(report.children).toBe(300);
    expect(report.visits).toBeGreaterThan(0);
  });

  it('wrote every child through the shared validation, each with a 收集 entry; visits are ledgered too', async () => {
    const collect = await ctx.db.selectFrom('ledger_entries').select(['child_ids']).where('act', '=', 'collect').where('reason', '=', 'demo_seed').execute();
    expect(collect).toHaveLength(300);
    const visits = await ctx.db.selectFrom('visits').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(visits.n)).toBe(report.visits);
    const homeVisits = await ctx.db.selectFrom('ledger_entries').select('id').where('reason', '=', 'home_visit').execute();
    expect(homeVisits).toHaveLength(report.visits);
  });

  it('children carry synthetic ID numbers valid under GB 11643, within the seeded villages, aged 0–17', async () => {
    const org = report.orgs[0]!; // 松溪县民政局 sees both townships
    const { items, total } = await listChildren(ctx, cliActor(org), { pageSize: 100 });
    expect(total).toBeGreaterThan(200);
    for (const c of items) expect(c.regionCode.startsWith('350724')).toBe(true);
    const ids = await ctx.db.selectFrom('children').select('bidx_id_number').where('bidx_id_number', 'is not', null).execute();
    expect(ids.length).toBeGreaterThan(250); // ~95 % have one
    // The generator itself is checked directly: its numbers pass the same check the API applies.
    const { syntheticChild, seededRandom } = await import('../../server/src/demo/synthetic-people.ts');
    const { placesUnder } = await import('../../server/src/demo/synthetic-rows.ts');
    const rand = seededRandom(1);
    const used = new Set<string>();
    const today = '2026-06-01';
    for (const p of placesUnder('350724101000', 3)) {
      const c = syntheticChild(rand, p, today, used);
      if (!c.idNumber) continue;
      expect(checkIdNumber(c.idNumber, { birthDate: c.birthDate })).toMatchObject({ ok: true, gender: c.gender });
      expect(Number(today.slice(0, 4)) - Number(c.birthDate.slice(0, 4))).toBeLessThanOrEqual(18);
    }
  });

  it('refuses to seed a database that already holds children', async () => {
    await expect(seedDemo(ctx, { children: 5 })).rejects.toMatchObject({ code: 'HUTONG_CONFLICT', message: expect.stringContaining('已有') });
  });
});
