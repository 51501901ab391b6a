/** 个人信息保护法 第十九、四十七条: when a purpose ends for a child, processing for it stops. */
import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import type { DecisionInput } from './decision-types.ts';

type Over = Partial<Omit<DecisionInput, 'child'>> & { child?: Partial<DecisionInput['child']> };
const input = (o: Over = {}): DecisionInput => ({
  date: '2024-03-01',
  actor: { orgType: 'civil_affairs', role: 'civil_affairs_officer', regionCode: '350724' },
  consents: [], guardianNotices: [], purpose: 'social_assistance', act: 'use', fields: ['name'],
  ...o,
  child: { birthDate: '2010-05-10', regionCode: '350724101201', categories: ['orphan'], canExpressWill: true, ...o.child },
});

describe('retention: age 18 (social_assistance ends at 18)', () => {
  it.each([
    ['the day before the 18th birthday', '2024-05-09', true],
    ['the 18th birthday itself (已满 only from the next day)', '2024-05-10', true],
    ['the day after', '2024-05-11', false],
  ])('%s', (_, date, allowed) => {
    const d = decide(input({ date, child: { birthDate: '2006-05-10' } }));
    expect(d.allowed).toBe(allowed);
    if (!allowed) expect(d.reasons[0]).toMatchObject({ code: 'retention_ended', clause: '《个人信息保护法》第四十七条' });
  });

  it('deletion is still allowed after the purpose ended', () => {
    expect(decide(input({ date: '2025-01-01', act: 'delete', child: { birthDate: '2006-05-10' } })).allowed).toBe(true);
  });
});

describe('retention: a purpose recorded as ended for the child', () => {
  it('stops use, collection and provision for that purpose only', () => {
    const ended = { endedPurposes: ['social_assistance'] as const };
    for (const act of ['use', 'collect', 'store'] as const) {
      const d = decide(input({ act, child: ended }));
      expect(d.allowed, act).toBe(false);
      expect(d.reasons[0]!.code).toBe('retention_ended');
    }
    expect(decide(input({ act: 'delete', child: ended })).allowed).toBe(true);
  });

  it('a purpose with a legal retention period (case files) keeps storage only', () => {
    const base = { actor: { orgType: 'court', role: 'department_staff', regionCode: '350724' }, purpose: 'case_handling', child: { endedPurposes: ['case_handling'] } } as const;
    expect(decide(input({ ...base, act: 'use' })).allowed).toBe(false);
    expect(decide(input({ ...base, act: 'use' })).reasons[0]!.message).toContain('仅存储');
  });

  it('an unknown purpose in endedPurposes is a validation error', () => {
    expect(() => decide(input({ child: { endedPurposes: ['holiday' as never] } }))).toThrow(/endedPurposes/u);
  });
});
