import { describe, expect, it } from 'vitest';
import { FIELD_KEYS } from '../fields/field-catalogue.ts';
import { PROCESSING_ACT_KEYS } from '../ledger/acts.ts';
import { ORG_TYPE_KEYS } from '../orgs/org-types.ts';
import { FORBIDDEN_PURPOSES, PURPOSE_CODES, type PurposeCode } from '../purposes/purpose-codes.ts';
import { CLAUSES } from './clauses.ts';
import { ACTIVITY_ORG_TYPES, PURPOSES_CATALOGUE } from './purposes-catalogue.ts';
import { actsFor, minimumFields, statutoryDutyFor } from './purpose-rules.ts';

const CODES = Object.keys(PURPOSE_CODES) as PurposeCode[];
const ALL = CODES.map((c) => PURPOSES_CATALOGUE[c]);

describe('purposes catalogue: shape', () => {
  it('defines every purpose code, frozen', () => {
    expect(Object.keys(PURPOSES_CATALOGUE).sort()).toEqual([...CODES].sort());
    for (const p of ALL) {
      expect(Object.isFrozen(p)).toBe(true);
      expect(Object.isFrozen(p.fieldRules)).toBe(true);
      for (const r of p.fieldRules) expect(Object.isFrozen(r.fields)).toBe(true);
      expect(p.label).toBe(PURPOSE_CODES[p.code]);
      for (const c of [...p.clauses, p.retention.clause]) expect(CLAUSES[c]).toMatch(/^《.+》第.+条/u);
    }
  });

  it('uses only known org types, acts and fields, and every rule org type may use the purpose', () => {
    for (const p of ALL) {
      for (const t of p.orgTypes) expect(ORG_TYPE_KEYS).toContain(t);
      for (const r of p.fieldRules) {
        for (const t of r.orgTypes) expect(p.orgTypes).toContain(t);
        for (const a of r.acts) expect(PROCESSING_ACT_KEYS).toContain(a);
        for (const f of r.fields) expect(FIELD_KEYS).toContain(f);
      }
      for (const t of p.orgTypes) expect(actsFor(p.code, t).length, `${p.code}/${t}`).toBeGreaterThan(0);
    }
  });

  it('a statutory duty only covers acts its org types already have, and never 公开', () => {
    for (const p of ALL) {
      for (const d of p.statutoryDuties) {
        expect(d.acts).not.toContain('disclose');
        for (const t of d.orgTypes) for (const a of d.acts) expect(actsFor(p.code, t)).toContain(a);
      }
    }
  });
});

describe('第十五条: forbidden purposes', () => {
  it.each(FORBIDDEN_PURPOSES)('%s is forbidden, usable by no one, with no fields', (code) => {
    const p = PURPOSES_CATALOGUE[code];
    expect(p.forbidden).toBe(true);
    expect(p.orgTypes).toEqual([]);
    expect(p.fieldRules).toEqual([]);
    expect(p.clauses).toEqual(['m15']);
  });
  it('no other purpose is forbidden', () => {
    expect(ALL.filter((p) => p.forbidden).map((p) => p.code).sort()).toEqual([...FORBIDDEN_PURPOSES].sort());
  });
});

describe('statutory bases (个人信息保护法 第十三条第一款第三项)', () => {
  it('only case_handling (公安、检察院、法院、司法行政) and civil affairs’ own social_assistance', () => {
    const duties = ALL.flatMap((p) => p.statutoryDuties.flatMap((d) => d.orgTypes.map((t) => `${p.code}/${t}`))).sort();
    expect(duties).toEqual(['case_handling/court', 'case_handling/justice', 'case_handling/procuratorate', 'case_handling/public_security', 'social_assistance/civil_affairs']);
  });
  it('civil affairs’ duty does not reach 提供 or 公开; case organs may 移送 (provide) but not 公开', () => {
    expect(statutoryDutyFor('social_assistance', 'civil_affairs', 'use')).toBeDefined();
    expect(statutoryDutyFor('social_assistance', 'civil_affairs', 'provide')).toBeUndefined();
    expect(statutoryDutyFor('social_assistance', 'welfare_institution', 'use')).toBeUndefined();
    expect(statutoryDutyFor('case_handling', 'court', 'provide')).toBeDefined();
    expect(actsFor('case_handling', 'public_security')).not.toContain('disclose');
  });
});

describe('minimum necessary fields (第八、十、十一、十四、十五条)', () => {
  it('第十一条: disability only for disability_service, medical_care and case_handling', () => {
    const using = ALL.filter((p) => p.fieldRules.some((r) => r.fields.includes('disability'))).map((p) => p.code).sort();
    expect(using).toEqual(['case_handling', 'disability_service', 'medical_care']);
  });
  it('第十条: activity organisations never get ID numbers or sensitive data, in any purpose', () => {
    for (const p of ALL) for (const t of ACTIVITY_ORG_TYPES) for (const a of PROCESSING_ACT_KEYS) {
      const f = minimumFields(p.code, t, a);
      for (const k of ['idNumber', 'guardianIdNumber', 'health', 'abuseVictim', 'disability', 'categories', 'guardianSituation', 'visitNotes'] as const) {
        expect(f, `${p.code}/${t}/${a}`).not.toContain(k);
      }
    }
  });
  it('第八条: a school never gets the 困境 category, and education_aid is never 公开', () => {
    for (const p of ALL) for (const a of PROCESSING_ACT_KEYS) expect(minimumFields(p.code, 'school', a)).not.toContain('categories');
    expect(actsFor('education_aid', 'school')).not.toContain('disclose');
    expect(actsFor('education_aid', 'education')).not.toContain('disclose');
  });
  it('第十四、十五条: nothing identifying and no label is ever in a 公开 set', () => {
    const never = ['name', 'idNumber', 'photo', 'phone', 'householdAddress', 'residenceAddress', 'school', 'categories', 'health', 'disability', 'abuseVictim', 'guardianName', 'guardianPhone', 'guardianIdNumber'];
    for (const p of ALL) for (const t of ORG_TYPE_KEYS) {
      const f = minimumFields(p.code, t, 'disclose');
      for (const k of never) expect(f, `${p.code}/${t}`).not.toContain(k);
    }
    expect(minimumFields('publicity', 'media', 'disclose')).toEqual(['gender', 'grade']);
  });
  it('statistics only uses and processes non-identifying fields', () => {
    expect(actsFor('statistics', 'civil_affairs')).toEqual(['use', 'process']);
    for (const f of minimumFields('statistics', 'civil_affairs', 'use')) expect(['gender', 'birthDate', 'ethnicity', 'regionCode', 'grade', 'categories', 'assistance']).toContain(f);
  });
  it('every purpose has a retention rule (个人信息保护法 第十九、四十七条)', () => {
    for (const p of ALL) {
      expect(p.retention.until.length).toBeGreaterThan(0);
      expect(p.retention.note).not.toBe('');
    }
  });
});
