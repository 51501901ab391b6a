/** Officers edit the catalogue; the articles' limits hold whatever they type. */
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_PURPOSES, PURPOSE_CODES, type PurposeCode } from '../purposes/purpose-codes.ts';
import { applyPurposeEdit, purposeEditProblems, type PurposeEdit } from './purpose-edit.ts';
import { PURPOSES_CATALOGUE } from './purposes-catalogue.ts';
import { decide } from './decide.ts';

const asEdit = (code: PurposeCode): PurposeEdit => {
  const d = PURPOSES_CATALOGUE[code];
  return { orgTypes: d.orgTypes, fieldRules: d.fieldRules, retention: d.retention };
};
const fieldsOf = (code: PurposeCode, e: PurposeEdit) => purposeEditProblems(code, PURPOSES_CATALOGUE[code], e).map((p) => p.field);

describe('purposeEditProblems', () => {
  const editable = (Object.keys(PURPOSE_CODES) as PurposeCode[]).filter((c) => !FORBIDDEN_PURPOSES.includes(c));
  it.each(editable)('the seeded %s passes unchanged', (code) => {
    expect(purposeEditProblems(code, PURPOSES_CATALOGUE[code], asEdit(code))).toEqual([]);
  });

  it.each(FORBIDDEN_PURPOSES)('第十五条: %s cannot be edited at all', (code) => {
    expect(fieldsOf(code, { orgTypes: ['media'], fieldRules: [], retention: PURPOSES_CATALOGUE.publicity.retention })).toEqual(['code']);
  });

  it('第十一条: disability cannot be added to care_service', () => {
    const e = asEdit('care_service');
    const rules = e.fieldRules.map((r, i) => (i === 0 ? { ...r, fields: [...r.fields, 'disability'] } : r));
    expect(fieldsOf('care_service', { ...e, fieldRules: rules })).toEqual(['fieldRules[0].fields']);
  });

  it('第十条: a social organisation cannot be given ID numbers', () => {
    const e = asEdit('care_service');
    const rules = [...e.fieldRules, { orgTypes: ['social_org'], acts: ['use'], fields: ['name', 'idNumber'] }];
    const problems = purposeEditProblems('care_service', PURPOSES_CATALOGUE.care_service, { ...e, fieldRules: rules });
    expect(problems).toEqual([{ field: 'fieldRules[3].fields', message: expect.stringContaining('第十条') }]);
  });

  it('第八条: a school cannot be given the 困境 category; 第十四条: no name is ever disclosed', () => {
    const e = asEdit('education_aid');
    expect(fieldsOf('education_aid', { ...e, fieldRules: [{ orgTypes: ['school'], acts: ['use'], fields: ['categories'] }] })).toEqual(['fieldRules[0].fields']);
    const p = asEdit('publicity');
    expect(fieldsOf('publicity', { ...p, fieldRules: [{ orgTypes: ['media'], acts: ['disclose'], fields: ['gender', 'name'] }] })).toEqual(['fieldRules[0].fields']);
  });

  it('unknown codes, rules for org types outside the purpose, and bad retention are named by path', () => {
    const e = asEdit('statistics');
    expect(fieldsOf('statistics', {
      orgTypes: [...e.orgTypes, 'martians'],
      fieldRules: [{ orgTypes: ['school'], acts: ['peek'], fields: ['shoeSize'] }],
      retention: { until: [], graceMonths: -1, byLaw: false, note: ' ' },
    })).toEqual(['orgTypes[5]', 'fieldRules[0].acts[0]', 'fieldRules[0].fields[0]', 'fieldRules[0].orgTypes', 'retention.until', 'retention.graceMonths', 'retention.note']);
  });
});

describe('applyPurposeEdit and the decision', () => {
  it('a narrowed rule strips the field from then on', () => {
    const e = asEdit('care_service');
    const narrowed = { ...e, fieldRules: e.fieldRules.map((r) => (r.orgTypes.includes('social_org') ? { ...r, fields: r.fields.filter((f) => f !== 'guardianPhone') } : r)) };
    const catalogue = { ...PURPOSES_CATALOGUE, care_service: applyPurposeEdit(PURPOSES_CATALOGUE.care_service, narrowed) };
    const input = {
      date: '2024-03-01', actor: { orgType: 'social_org', role: 'social_worker', regionCode: '350724' },
      child: { birthDate: '2012-07-01', regionCode: '350724101201', categories: [], canExpressWill: true },
      consents: [{ by: 'guardian', purposes: ['care_service'], date: '2024-01-01' }], guardianNotices: [],
      purpose: 'care_service', act: 'use', fields: ['name', 'guardianPhone'],
    } as const;
    expect(decide(input).allowedFields).toEqual(['name', 'guardianPhone']);
    const d = decide({ ...input, catalogue });
    expect(d.allowedFields).toEqual(['name']);
    expect(d.strippedFields).toEqual(['guardianPhone']);
  });

  it('an officer cannot extend a statutory duty to a new org type', () => {
    const e = asEdit('case_handling');
    const def = applyPurposeEdit(PURPOSES_CATALOGUE.case_handling, { ...e, orgTypes: [...e.orgTypes, 'social_org'], fieldRules: [...e.fieldRules, { orgTypes: ['social_org'], acts: ['use'], fields: ['name'] }] });
    expect(def.statutoryDuties.flatMap((d) => d.orgTypes)).not.toContain('social_org');
    const removed = applyPurposeEdit(PURPOSES_CATALOGUE.case_handling, { ...e, orgTypes: ['court'], fieldRules: [{ orgTypes: ['court'], acts: ['use'], fields: ['name'] }] });
    expect(removed.statutoryDuties.flatMap((d) => d.orgTypes)).toEqual(['court']);
  });
});
