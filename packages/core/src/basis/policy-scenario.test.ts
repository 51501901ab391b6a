import { describe, expect, it } from 'vitest';
import { checkPolicyScenario, parsePolicyScenario } from './policy-scenario.ts';

const good = {
  id: 's1', date: '2024-05-11',
  actor: { orgType: 'social_org', role: 'social_worker', regionCode: '350724' },
  child: { birthDate: '2010-05-10', regionCode: '350724101201', categories: ['left_behind'], canExpressWill: true },
  consents: [{ by: 'child', purposes: ['care_service'], recipientOrgTypes: ['social_org'], date: '2024-05-11', withdrawn: false, noticeOfNecessityAndImpact: false }],
  guardianNotified: '2024-05-11', purpose: 'care_service', act: 'use', fields: ['name', 'idNumber'],
};

describe('dry-run scenarios (hutong policy check, console simulator)', () => {
  it('turns a line into a decision with {id, decision, allowedFields, reasons:[{article, message}]}', () => {
    const r = checkPolicyScenario(good);
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({ id: 's1', decision: 'allow', allowedFields: ['name'] });
    expect(Object.keys(r.result!)).toEqual(['id', 'decision', 'allowedFields', 'reasons']);
    for (const reason of r.result!.reasons) expect(Object.keys(reason)).toEqual(['article', 'message']);
  });

  it('guardianNotified null or absent means no notice; consents absent means none', () => {
    const { consents: _c, ...noConsents } = good;
    expect(checkPolicyScenario({ ...good, guardianNotified: null }).result!.decision).toBe('deny');
    expect(checkPolicyScenario(noConsents).result!.decision).toBe('deny');
  });

  it.each([
    [{ actor: { ...good.actor, orgType: 'ngo' } }, 'actor.orgType', '未知的机构类型“ngo”'],
    [{ actor: { ...good.actor, role: 'boss' } }, 'actor.role', '未知的角色'],
    [{ date: '2024-02-30' }, 'date', '不是有效的公历日期'],
    [{ guardianNotified: '11/05/2024' }, 'guardianNotified', '不是有效的公历日期'],
    [{ child: { ...good.child, canExpressWill: 'yes' } }, 'child.canExpressWill', 'true 或 false'],
    [{ child: { ...good.child, categories: ['poor'] } }, 'child.categories[0]', '未知的儿童类别'],
    [{ child: { ...good.child, birthDate: '2025-01-01' } }, 'child.birthDate', '晚于处理日期'],
    [{ consents: [{ ...good.consents[0], by: 'teacher' }] }, 'consents[0].by', '同意人'],
    [{ consents: [{ ...good.consents[0], withdrawed: true }] }, 'consents[0].withdrawed', '未知的键'],
    [{ fields: ['name', 'bankCard'] }, 'fields[1]', '未知的字段“bankCard”'],
    [{ fields: undefined }, 'fields', '缺少字段列表'],
    [{ act: 'sell' }, 'act', '未知的处理行为'],
    [{ purpose: 'ads' }, 'purpose', '未知的处理目的'],
    [{ id: '' }, 'id', '缺少场景编号'],
    [{ extra: 1 }, 'extra', '未知的键'],
    [{ actor: { ...good.actor, regionCode: '3507x' } }, 'actor.regionCode', '应只包含数字'],
  ] as const)('%j → problem at %s', (patch, field, message) => {
    const r = parsePolicyScenario({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.field === field);
    expect(p, JSON.stringify(r.problems)).toBeDefined();
    expect(p!.message).toContain(message);
  });

  it('a non-object line is one problem', () => {
    expect(parsePolicyScenario([1, 2])).toMatchObject({ ok: false, id: null });
  });
});
