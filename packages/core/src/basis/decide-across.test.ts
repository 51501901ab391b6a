/** Several purposes behind one record (第十一条: disability details only under their own purposes). */
import { describe, expect, it } from 'vitest';
import { decideAcrossPurposes } from './decide-across.ts';
import { candidatePurposes } from './purpose-rules.ts';
import type { ConsentRecord } from './consent-types.ts';

const civil = { orgType: 'civil_affairs', role: 'civil_affairs_officer', regionCode: '350724' } as const;
const child = { birthDate: '2015-05-01', regionCode: '350724101201', categories: ['difficulty_disability'], canExpressWill: true } as const;
const base = { date: '2024-06-01', actor: civil, child, guardianNotices: [], act: 'store' as const };
const disabilityConsent: ConsentRecord = { id: 'c1', by: 'guardian', purposes: ['disability_service'], date: '2024-01-01' };

describe('decideAcrossPurposes', () => {
  it('tries statutory purposes first', () => {
    expect(candidatePurposes('civil_affairs', 'store')[0]).toBe('social_assistance');
    expect(candidatePurposes('media', 'store')).toEqual(['publicity']);
    expect(candidatePurposes('social_org', 'provide')).toEqual([]);
  });

  it('第十一条: without a disability-service consent, civil affairs may store the 档案 but not the disability details', () => {
    const d = decideAcrossPurposes({ ...base, consents: [], fields: ['name', 'categories', 'disability'] });
    expect(d.allowed).toBe(true);
    expect(d.allowedFields).toEqual(['name', 'categories']);
    expect(d.strippedFields).toEqual(['disability']);
    expect(d.reasons[0]).toMatchObject({ code: 'field_stripped', field: 'disability', clause: '《困境儿童个人信息保护工作办法》第十一条' });
    expect(d.used.map((u) => u.purpose)).toEqual(['social_assistance']);
  });

  it('with the guardian\'s consent for disability services, the details rest on that consent', () => {
    const d = decideAcrossPurposes({ ...base, consents: [disabilityConsent], fields: ['name', 'categories', 'disability'] });
    expect(d.strippedFields).toEqual([]);
    expect(d.used.map((u) => u.purpose)).toEqual(['social_assistance', 'disability_service']);
    expect(d.used[1]!.decision.basis).toMatchObject({ kind: 'consent', consentIds: ['c1'] });
  });

  it('a consent withdrawn the day before no longer covers the details', () => {
    const d = decideAcrossPurposes({ ...base, consents: [{ ...disabilityConsent, withdrawn: true, withdrawnOn: '2024-05-31' }], fields: ['disability'] });
    expect(d.allowed).toBe(false);
    expect(d.strippedFields).toEqual(['disability']);
  });

  it('an org type with no usable purpose is refused with a reason', () => {
    const d = decideAcrossPurposes({ ...base, actor: { orgType: 'social_org', role: 'social_worker', regionCode: '350724' }, act: 'provide', consents: [], fields: ['name'] });
    expect(d.allowed).toBe(false);
    expect(d.reasons[0]!.code).toBe('org_type_not_allowed');
  });

  it('a named purpose is the only one tried', () => {
    const d = decideAcrossPurposes({ ...base, consents: [disabilityConsent], fields: ['disability'] }, ['social_assistance']);
    expect(d.allowed).toBe(false);
    expect(d.strippedFields).toEqual(['disability']);
  });
});
