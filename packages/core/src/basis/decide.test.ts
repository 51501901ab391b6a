/** The decision's other rules, one group per article: 第十五条, jurisdiction, roles, purposes and fields. */
import { describe, expect, it } from 'vitest';
import { HutongError } from '../errors.ts';
import { FORBIDDEN_PURPOSES } from '../purposes/purpose-codes.ts';
import type { ConsentRecord } from './consent-types.ts';
import { decide } from './decide.ts';
import type { Decision, DecisionInput } from './decision-types.ts';

const everything: ConsentRecord[] = [
  { by: 'guardian', purposes: ['care_service', 'education_aid', 'publicity', 'fundraising', 'livestream_commerce', 'traffic', 'case_handling', 'social_assistance'], date: '2024-01-01', noticeOfNecessityAndImpact: true },
];

function input(o: Partial<DecisionInput> = {}): DecisionInput {
  return {
    date: '2024-03-01',
    actor: { orgType: 'social_org', role: 'social_worker', regionCode: '350724' },
    child: { birthDate: '2012-07-01', regionCode: '350724101201', categories: ['left_behind'], canExpressWill: true },
    consents: everything, guardianNotices: [],
    purpose: 'care_service', act: 'use', fields: ['name', 'guardianPhone'],
    ...o,
  };
}
const codes = (d: Decision) => d.reasons.map((r) => r.code);

describe('《困境儿童个人信息保护工作办法》第十五条: forbidden purposes', () => {
  it.each(FORBIDDEN_PURPOSES)('%s is refused even with every consent, for every actor', (purpose) => {
    for (const orgType of ['civil_affairs', 'media', 'social_org'] as const) {
      const d = decide(input({ purpose, actor: { orgType, role: 'protection_officer', regionCode: '000000000000' } }));
      expect(d.allowed).toBe(false);
      expect(d.allowedFields).toEqual([]);
      expect(d.reasons).toHaveLength(1);
      expect(d.reasons[0]).toMatchObject({ code: 'forbidden_purpose', clause: '《困境儿童个人信息保护工作办法》第十五条' });
    }
  });
});

describe('jurisdiction (第四条 谁处理、谁负责; 《未成年人网络保护条例》第三十六条)', () => {
  it.each([
    ['same county', '350724', true],
    ['the village itself', '350724101201', true],
    ['the province, short form', '35', true],
    ['another township of the county', '350724102000', false],
    ['another county', '350725', false],
    ['another province', '430524', false],
    ['nationwide', '000000000000', true],
  ] as const)('%s (%s) → allowed %s', (_what, regionCode, allowed) => {
    const d = decide(input({ actor: { orgType: 'social_org', role: 'social_worker', regionCode } }));
    expect(d.allowed).toBe(allowed);
    if (!allowed) {
      expect(d.reasons).toHaveLength(1);
      expect(d.reasons[0]).toMatchObject({ code: 'out_of_jurisdiction', clause: '《未成年人网络保护条例》第三十六条' });
      // Nothing about the child (age, consents) is revealed outside the jurisdiction.
      expect(d.ageBand).toBeNull();
    }
  });
  it('refuses a malformed code instead of guessing', () => {
    expect(() => decide(input({ actor: { orgType: 'social_org', role: 'social_worker', regionCode: '3507' + 'x' } }))).toThrow(HutongError);
    expect(() => decide(input({ child: { ...input().child, regionCode: '000000000000' } }))).toThrow(/child.regionCode|省级代码/u);
  });
});

describe('roles (《未成年人网络保护条例》第三十六条 最小授权)', () => {
  it.each([
    ['admin', 'use', false], ['auditor', 'use', false], ['reviewer', 'use', false],
    ['social_worker', 'use', true], ['social_worker', 'collect', false], ['child_director', 'collect', true],
    ['child_director', 'provide', false], ['protection_officer', 'provide', true],
  ] as const)('%s may %s: %s', (role, act, allowed) => {
    const d = decide(input({
      actor: { orgType: 'civil_affairs', role, regionCode: '350724' }, purpose: 'social_assistance', act,
      recipient: { orgType: 'welfare_institution' }, fields: ['name'],
    }));
    expect(d.allowed).toBe(allowed);
    if (!allowed) expect(codes(d)).toEqual(['role_not_permitted']);
  });
});

describe('purposes: who may use them and for which acts (第六至十一条)', () => {
  it.each([
    ['social_org', 'case_handling', '第六条'],
    ['school', 'medical_care', '第九条'],
    ['media', 'social_assistance', '第七条'],
    ['social_org', 'disability_service', '第十一条'],
    ['political_legal', 'education_aid', '第八条'],
  ] as const)('%s may not use %s', (orgType, purpose, article) => {
    const d = decide(input({ actor: { orgType, role: 'protection_officer', regionCode: '350724' }, purpose }));
    expect(d.allowed).toBe(false);
    expect(d.reasons[0]).toMatchObject({ code: 'org_type_not_allowed' });
    expect(d.reasons[0]!.clause).toContain(article);
  });
  it.each([
    ['school', 'education_aid', 'disclose', '《困境儿童个人信息保护工作办法》第八条'],
    ['public_security', 'case_handling', 'disclose', '《未成年人保护法》第一百零三条'],
    ['social_org', 'care_service', 'disclose', '《个人信息保护法》第二十五条'],
    ['social_org', 'care_service', 'provide', '《个人信息保护法》第六条'],
    ['civil_affairs', 'statistics', 'collect', '《个人信息保护法》第六条'],
  ] as const)('%s for %s may not %s (%s)', (orgType, purpose, act, clause) => {
    const d = decide(input({ actor: { orgType, role: 'protection_officer', regionCode: '350724' }, purpose, act }));
    expect(d.allowed).toBe(false);
    expect(d.reasons[0]).toMatchObject({ code: 'act_not_in_purpose', clause });
  });
});

describe('statutory duty (《个人信息保护法》第十三条第一款第三项、第二款)', () => {
  it.each(['public_security', 'procuratorate', 'court', 'justice'] as const)('case_handling by %s needs no consent', (orgType) => {
    const d = decide(input({ consents: [], actor: { orgType, role: 'department_staff', regionCode: '350724' }, purpose: 'case_handling', fields: ['name', 'idNumber', 'abuseVictim'] }));
    expect(d.allowed).toBe(true);
    expect(d.basis).toMatchObject({ kind: 'statutory' });
    expect(d.allowedFields).toEqual(['name', 'idNumber', 'abuseVictim']);
    expect(d.reasons.map((r) => r.clause)).toEqual(['《个人信息保护法》第十三条第一款第三项', '《未成年人保护法》第一百条']);
  });
  it('case_handling by a social organisation is refused, consent or not', () => {
    const d = decide(input({ purpose: 'case_handling' }));
    expect(d.allowed).toBe(false);
    expect(d.reasons[0]).toMatchObject({ code: 'org_type_not_allowed', clause: '《困境儿童个人信息保护工作办法》第六条' });
  });
  it('civil affairs’ own social assistance needs no consent; a welfare institution’s does', () => {
    const civil = decide(input({ consents: [], actor: { orgType: 'civil_affairs', role: 'child_director', regionCode: '350724101201' }, purpose: 'social_assistance', act: 'collect' }));
    expect(civil.allowed).toBe(true);
    expect(civil.reasons.map((r) => r.clause)).toContain('《未成年人保护法》第九十一条');
    const welfare = decide(input({ consents: [], actor: { orgType: 'welfare_institution', role: 'civil_affairs_officer', regionCode: '350724' }, purpose: 'social_assistance' }));
    expect(welfare.allowed).toBe(false);
    expect(codes(welfare)).toContain('consent_missing');
  });
  it('civil affairs providing social-assistance data to another org rests on consent (第二十三条)', () => {
    const provide = (consents: ConsentRecord[]) => decide(input({
      consents, actor: { orgType: 'civil_affairs', role: 'protection_officer', regionCode: '350724' },
      purpose: 'social_assistance', act: 'provide', recipient: { orgType: 'welfare_institution' }, fields: ['name', 'idNumber'],
    }));
    expect(provide([]).allowed).toBe(false);
    expect(provide([{ by: 'guardian', purposes: ['social_assistance'], recipientOrgTypes: ['welfare_institution'], date: '2024-01-01' }]).allowed).toBe(true);
    expect(provide([{ by: 'guardian', purposes: ['social_assistance'], recipientOrgTypes: ['civil_affairs'], date: '2024-01-01' }]).allowed).toBe(false);
  });
});

describe('minimum necessary fields (第八、十、十一条; 《个人信息保护法》第六条)', () => {
  it('第十条: a social organisation’s care service loses ID number, health and abuse data, saying why', () => {
    const d = decide(input({ fields: ['name', 'idNumber', 'health', 'abuseVictim', 'guardianPhone'] }));
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['name', 'guardianPhone']);
    expect(d.strippedFields).toEqual(['idNumber', 'health', 'abuseVictim']);
    const stripped = d.reasons.filter((r) => r.code === 'field_stripped');
    expect(stripped.map((r) => r.field)).toEqual(['idNumber', 'health', 'abuseVictim']);
    for (const r of stripped) expect(r.clause).toBe('《困境儿童个人信息保护工作办法》第十条');
    expect(stripped[0]!.message).toContain('身份证号');
  });
  it('第八条: a school’s education aid loses the 困境 category', () => {
    const d = decide(input({ actor: { orgType: 'school', role: 'department_staff', regionCode: '350724' }, purpose: 'education_aid', fields: ['name', 'grade', 'categories'] }));
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['name', 'grade']);
    expect(d.reasons.find((r) => r.field === 'categories')).toMatchObject({ code: 'field_stripped', clause: '《困境儿童个人信息保护工作办法》第八条' });
  });
  it('第十一条: disability data is stripped outside disability, medical and case work', () => {
    const d = decide(input({ actor: { orgType: 'civil_affairs', role: 'civil_affairs_officer', regionCode: '350724' }, fields: ['name', 'disability'] }));
    expect(d.allowedFields).toEqual(['name']);
    expect(d.reasons.find((r) => r.field === 'disability')!.clause).toBe('《困境儿童个人信息保护工作办法》第十一条');
    const rehab = decide(input({ actor: { orgType: 'disabled_persons_federation', role: 'department_staff', regionCode: '350724' }, purpose: 'disability_service', consents: [{ by: 'guardian', purposes: ['disability_service'], date: '2024-01-01' }], fields: ['name', 'disability'] }));
    expect(rehab.allowedFields).toEqual(['name', 'disability']);
  });
  it('when every requested field is stripped, the act is refused', () => {
    const d = decide(input({ fields: ['idNumber', 'health'] }));
    expect(d.allowed).toBe(false);
    expect(codes(d)).toContain('no_fields_left');
  });
  it('no fields requested means the purpose’s minimum; duplicates collapse', () => {
    const { fields: _f, ...rest } = input();
    expect(decide(rest).allowedFields).toEqual(['name', 'gender', 'residenceAddress', 'regionCode', 'grade', 'guardianName', 'guardianRelation', 'guardianPhone']);
    expect(decide(input({ fields: ['name', 'name'] })).allowedFields).toEqual(['name']);
  });
  it('提供 is limited to what the recipient may hold for the purpose (第二十三条)', () => {
    const d = decide(input({
      actor: { orgType: 'civil_affairs', role: 'protection_officer', regionCode: '350724' }, act: 'provide',
      recipient: { orgType: 'social_org' }, fields: ['name', 'health', 'guardianPhone'],
    }));
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['name', 'guardianPhone']);
    expect(d.reasons.find((r) => r.field === 'health')!.clause).toBe('《个人信息保护法》第二十三条');
    expect(decide(input({ actor: { orgType: 'civil_affairs', role: 'protection_officer', regionCode: '350724' }, act: 'provide' })).reasons[0]!.code).toBe('recipient_missing');
    expect(decide(input({ actor: { orgType: 'civil_affairs', role: 'protection_officer', regionCode: '350724' }, act: 'provide', recipient: { orgType: 'media' } })).reasons[0]!.code).toBe('recipient_not_allowed');
  });
});

describe('deletion (《个人信息保护法》第四十七条)', () => {
  it('needs no consent and may reach any field', () => {
    const d = decide(input({ consents: [], actor: { orgType: 'social_org', role: 'protection_officer', regionCode: '350724' }, act: 'delete', fields: ['name', 'health'] }));
    expect(d.allowed).toBe(true);
    expect(d.basis).toMatchObject({ kind: 'deletion' });
    expect(d.allowedFields).toEqual(['name', 'health']);
  });
});

describe('the decision value', () => {
  it('is frozen all the way down, and every reason cites an article', () => {
    const d = decide(input({ fields: ['name', 'idNumber'] }));
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.reasons)).toBe(true);
    expect(Object.isFrozen(d.allowedFields)).toBe(true);
    for (const r of d.reasons) {
      expect(Object.isFrozen(r)).toBe(true);
      expect(r.clause).toMatch(/^《.+》第.+条/u);
      expect(r.message).toMatch(/\p{Script=Han}/u);
    }
  });
  it('is a pure function: same input, same answer', () => {
    expect(decide(input())).toEqual(decide(input()));
  });
  it('rejects malformed input with the field named', () => {
    const bad = (o: object) => () => decide({ ...input(), ...o } as DecisionInput);
    expect(bad({ date: '2024-02-30' })).toThrow(HutongError);
    expect(bad({ purpose: 'ads' })).toThrow(/处理目的/u);
    expect(bad({ fields: ['bankAccount'] })).toThrow(/字段/u);
    expect(bad({ date: '2011-01-01' })).toThrow(/晚于处理日期/u);
    const caught = (() => {
      try {
        decide({ ...input(), act: 'sell' } as unknown as DecisionInput);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(caught).toBeInstanceOf(HutongError);
    expect((caught as HutongError).details.fields).toEqual([{ field: 'act', message: '未知的处理行为“sell”' }]);
  });
});
