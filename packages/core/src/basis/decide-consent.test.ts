/** 第十二、十三条 and the coverage of a consent (个人信息保护法 第十四、十五、二十三条), table by table. */
import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from './consent-types.ts';
import { decide } from './decide.ts';
import type { Decision, DecisionInput } from './decision-types.ts';

const BIRTH = '2010-05-10'; // 14th birthday 2024-05-10; 已满十四周岁 from 2024-05-11
const guardian = (o: Partial<ConsentRecord> = {}): ConsentRecord => ({ by: 'guardian', purposes: ['care_service'], date: '2024-01-01', ...o });
const child = (o: Partial<ConsentRecord> = {}): ConsentRecord => ({ by: 'child', purposes: ['care_service'], date: '2024-01-01', ...o });

function input(o: Partial<DecisionInput> & { canExpressWill?: boolean; birthDate?: string } = {}): DecisionInput {
  const { canExpressWill = true, birthDate = BIRTH, ...rest } = o;
  return {
    date: '2024-03-01',
    actor: { orgType: 'civil_affairs', role: 'civil_affairs_officer', regionCode: '350724' },
    child: { birthDate, regionCode: '350724101201', categories: ['left_behind'], canExpressWill },
    consents: [], guardianNotices: [],
    purpose: 'care_service', act: 'use', fields: ['name', 'guardianPhone'],
    ...rest,
  };
}

const codes = (d: Decision) => d.reasons.map((r) => r.code);
const clauses = (d: Decision) => d.reasons.map((r) => r.clause);

describe('《困境儿童个人信息保护工作办法》第十二条第二款: under 14, the guardian consents', () => {
  it.each([
    ['the day before the 14th birthday', '2024-05-09', [guardian()], true],
    ['the 14th birthday itself', '2024-05-10', [guardian()], true],
    ['the day after the 14th birthday (guardian alone no longer enough)', '2024-05-11', [guardian()], false],
    ['under 14 with only the child’s consent', '2024-03-01', [child()], false],
    ['under 14 with no consent', '2024-03-01', [], false],
  ] as const)('%s (%s) → allowed %s', (_what, date, consents, allowed) => {
    const d = decide(input({ date, consents: [...consents], guardianNotices: [] }));
    expect(d.allowed).toBe(allowed);
    if (date <= '2024-05-10') {
      expect(d.ageBand).toBe('under14');
      expect(clauses(d)[0]).toBe('《困境儿童个人信息保护工作办法》第十二条第二款');
      expect(d.reasons[0]!.message).toContain('2024-05-11 起年满十四周岁');
    } else expect(d.ageBand).toBe('from14');
  });

  it('a child’s own consent under 14 is named as not enough', () => {
    const d = decide(input({ consents: [child()] }));
    expect(codes(d)).toContain('child_consent_insufficient');
    expect(d.reasons.find((r) => r.code === 'child_consent_insufficient')!.message).toContain('不能代替监护人');
  });

  it('29 February birth in a non-leap year: still under 14 on 28 February, 14 from 1 March', () => {
    const at = (date: string) => decide(input({ birthDate: '2008-02-29', date, consents: [guardian({ date: '2021-01-01' })] }));
    expect(at('2022-02-28').allowed).toBe(true);
    expect(at('2022-02-28').ageBand).toBe('under14');
    expect(at('2022-03-01').allowed).toBe(false);
    expect(at('2022-03-01').ageBand).toBe('from14');
  });
});

describe('《困境儿童个人信息保护工作办法》第十二条第三款: from 14, the child consents and the guardian is told', () => {
  const AFTER = '2024-05-11';
  it.each([
    ['child consent + guardian notice before the act', [child()], [{ date: '2024-04-01' }], true],
    ['child consent + guardian notice on the day of the act', [child()], [{ date: AFTER }], true],
    ['child consent + guardian notice after the act', [child()], [{ date: '2024-05-12' }], false],
    ['child consent, no guardian notice', [child()], [], false],
    ['guardian notice, no child consent', [], [{ date: '2024-04-01' }], false],
    ['guardian consent only', [guardian()], [], false],
    ['child consent + guardian consent (the guardian knows)', [child(), guardian()], [], true],
    ['child consent + notice for another purpose', [child()], [{ date: '2024-04-01', purposes: ['publicity'] as const }], false],
  ] as const)('%s → allowed %s', (_what, consents, notices, allowed) => {
    const d = decide(input({ date: AFTER, consents: [...consents], guardianNotices: notices.map((n) => ({ ...n, ...('purposes' in n ? { purposes: [...n.purposes] } : {}) })) }));
    expect(d.allowed).toBe(allowed);
    expect(clauses(d)).toContain('《困境儿童个人信息保护工作办法》第十二条第三款');
  });

  it('a missing notice says so, and a later notice is pointed out', () => {
    const d = decide(input({ date: AFTER, consents: [child()], guardianNotices: [{ date: '2024-06-01' }] }));
    const r = d.reasons.find((x) => x.code === 'guardian_notice_missing')!;
    expect(r.message).toContain('以明确方式告知');
    expect(r.message).toContain('2024-06-01 晚于处理日期');
  });

  it('a guardian’s consent does not stand in for the child’s', () => {
    const d = decide(input({ date: AFTER, consents: [guardian()] }));
    expect(codes(d)).toEqual(expect.arrayContaining(['consent_missing', 'child_consent_insufficient']));
  });

  it.each([
    ['under 14, cannot express a will: guardian', '2024-03-01', [guardian()], true],
    ['14+, cannot express a will: guardian consent', AFTER, [guardian()], true],
    ['14+, cannot express a will: child consent + notice is not enough', AFTER, [child()], false],
    ['14+, cannot express a will: nothing', AFTER, [], false],
  ] as const)('%s → allowed %s', (_what, date, consents, allowed) => {
    const d = decide(input({ date, canExpressWill: false, consents: [...consents], guardianNotices: [{ date: '2024-01-01' }] }));
    expect(d.allowed).toBe(allowed);
    if (date === AFTER) {
      expect(d.reasons[0]!.clause).toBe('《困境儿童个人信息保护工作办法》第十二条第三款');
      expect(d.reasons[0]!.message).toContain('没有表达意愿的能力');
    }
  });

  it('an adult (from the day after the 18th birthday) decides alone', () => {
    const d = decide(input({ birthDate: '2006-01-01', date: '2024-03-01', consents: [child()] }));
    expect(d.ageBand).toBe('adult');
    expect(d.allowed).toBe(true);
    expect(d.reasons[0]!.clause).toBe('《个人信息保护法》第十三条第一款第一项');
  });
});

describe('consent must cover the purpose, the recipient and the date', () => {
  it.each([
    ['covers everything', guardian(), true, 'basis_consent', '第十二条第二款'],
    ['another purpose', guardian({ purposes: ['education_aid'] }), false, 'consent_other_purpose', '《个人信息保护法》第十四条第二款'],
    ['another recipient org type', guardian({ recipientOrgTypes: ['school'] }), false, 'consent_other_recipient', '《个人信息保护法》第二十三条'],
    ['the actor’s org type among recipients', guardian({ recipientOrgTypes: ['school', 'civil_affairs'] }), true, 'basis_consent', '第十二条第二款'],
    ['a named org that is not the actor', guardian({ recipientOrgIds: ['org-b'] }), false, 'consent_other_recipient', '第二十三条'],
    ['the actor named', guardian({ recipientOrgIds: ['org-a'] }), true, 'basis_consent', '第十二条第二款'],
    ['dated after the act', guardian({ date: '2024-03-02' }), false, 'consent_after_act', '《个人信息保护法》第十三条第一款第一项'],
    ['dated the day of the act', guardian({ date: '2024-03-01' }), true, 'basis_consent', '第十二条第二款'],
    ['withdrawn', guardian({ withdrawn: true }), false, 'consent_withdrawn', '《个人信息保护法》第十五条'],
    ['withdrawn the day before', guardian({ withdrawn: true, withdrawnOn: '2024-02-29' }), false, 'consent_withdrawn', '第十五条'],
    ['withdrawn on the day (effective immediately)', guardian({ withdrawn: true, withdrawnOn: '2024-03-01' }), false, 'consent_withdrawn', '第十五条'],
    ['withdrawn later (not retroactive)', guardian({ withdrawn: true, withdrawnOn: '2024-03-02' }), true, 'basis_consent', '第十二条第二款'],
    ['expired the day before', guardian({ expiresOn: '2024-02-29' }), false, 'consent_expired', '《个人信息保护法》第十四条第一款'],
    ['expires on the day (inclusive)', guardian({ expiresOn: '2024-03-01' }), true, 'basis_consent', '第十二条第二款'],
  ] as const)('%s → allowed %s (%s)', (_what, consent, allowed, code, clause) => {
    const d = decide(input({ actor: { orgType: 'civil_affairs', orgId: 'org-a', role: 'civil_affairs_officer', regionCode: '350724' }, consents: [consent] }));
    expect(d.allowed).toBe(allowed);
    const r = d.reasons.find((x) => x.code === code)!;
    expect(r, JSON.stringify(d.reasons)).toBeDefined();
    expect(r.clause).toContain(clause);
    if (!allowed) {
      expect(codes(d)).toContain('consent_missing');
      expect(d.allowedFields).toEqual([]);
    }
  });

  it('one good consent among bad ones is enough, and the basis names it', () => {
    const d = decide(input({ consents: [guardian({ purposes: ['publicity'] }), guardian({ id: 'c-2' })] }));
    expect(d.allowed).toBe(true);
    expect(d.basis).toEqual({ kind: 'consent', consentIndexes: [1], consentIds: ['c-2'], by: ['guardian'] });
  });
});

describe('《困境儿童个人信息保护工作办法》第十三条: publication needs notice and both consents', () => {
  const pub = (o: Partial<ConsentRecord>): ConsentRecord => ({ by: 'guardian', purposes: ['publicity'], date: '2024-01-01', noticeOfNecessityAndImpact: true, ...o });
  const publish = (date: string, consents: ConsentRecord[], canExpressWill = true) => decide(input({
    date, canExpressWill, consents, purpose: 'publicity', act: 'disclose', fields: ['gender', 'grade'],
    actor: { orgType: 'media', role: 'protection_officer', regionCode: '35' },
  }));
  it.each([
    ['14+: child and guardian, both told', '2024-06-01', [pub({ by: 'child' }), pub({})], true, true],
    ['14+: guardian only', '2024-06-01', [pub({})], true, false],
    ['14+: child only', '2024-06-01', [pub({ by: 'child' })], true, false],
    ['14+: child not told of necessity and impact', '2024-06-01', [pub({ by: 'child', noticeOfNecessityAndImpact: false }), pub({})], true, false],
    ['14+: guardian not told', '2024-06-01', [pub({ by: 'child' }), pub({ noticeOfNecessityAndImpact: false })], true, false],
    ['under 14: guardian, told', '2024-03-01', [pub({})], true, true],
    ['under 14: guardian, not told', '2024-03-01', [pub({ noticeOfNecessityAndImpact: false })], true, false],
    ['14+, cannot express a will: guardian, told', '2024-06-01', [pub({})], false, true],
    ['consent given after publication', '2024-06-01', [pub({ by: 'child', date: '2024-06-02' }), pub({})], true, false],
  ] as const)('%s → allowed %s', (_what, date, consents, canExpressWill, allowed) => {
    const d = publish(date, [...consents], canExpressWill);
    expect(d.allowed).toBe(allowed);
    expect(clauses(d)).toContain('《困境儿童个人信息保护工作办法》第十三条');
    if (!allowed && consents.some((c) => c.noticeOfNecessityAndImpact === false)) expect(codes(d)).toContain('notice_missing');
  });

  it('what is published never carries the name, portrait or school (第十四条) or the label (第十五条)', () => {
    const d = decide(input({
      date: '2024-06-01', consents: [pub({ by: 'child' }), pub({})], purpose: 'publicity', act: 'disclose',
      fields: ['name', 'photo', 'school', 'categories', 'gender'], actor: { orgType: 'media', role: 'protection_officer', regionCode: '35' },
    }));
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['gender']);
    const byField = Object.fromEntries(d.reasons.filter((r) => r.field).map((r) => [r.field, r.clause]));
    expect(byField).toEqual({
      name: '《困境儿童个人信息保护工作办法》第十四条', photo: '《困境儿童个人信息保护工作办法》第十四条',
      school: '《困境儿童个人信息保护工作办法》第十四条', categories: '《困境儿童个人信息保护工作办法》第十五条',
    });
  });
});
