import { describe, expect, it } from 'vitest';
import { FIELD_CATALOGUE, FIELD_KEYS, fieldSpec, isFieldKey, isProtectedField } from './field-catalogue.ts';

describe('field catalogue (第三条: alone or combined, identifying information is protected)', () => {
  it('holds every field key the lawful-basis rules name', () => {
    expect([...FIELD_KEYS].sort()).toEqual(['abuseVictim', 'assistance', 'birthDate', 'categories', 'disability', 'ethnicity', 'gender', 'grade',
      'guardianIdNumber', 'guardianName', 'guardianPhone', 'guardianRelation', 'guardianSituation', 'health', 'householdAddress', 'idNumber',
      'name', 'phone', 'photo', 'regionCode', 'residenceAddress', 'school', 'visitNotes'].sort());
  });

  it('classes direct identifiers, locations and the most sensitive data (第十一条: health, disability, abuse)', () => {
    for (const k of ['name', 'idNumber', 'photo', 'phone', 'guardianName', 'guardianPhone', 'guardianIdNumber'] as const) expect(FIELD_CATALOGUE[k].sensitivity).toBe('direct');
    for (const k of ['householdAddress', 'residenceAddress', 'school', 'regionCode'] as const) expect(FIELD_CATALOGUE[k].sensitivity).toBe('location');
    for (const k of ['health', 'disability', 'abuseVictim', 'categories', 'guardianSituation'] as const) expect(FIELD_CATALOGUE[k].sensitivity).toBe('sensitive');
  });

  it('encrypts every direct, sensitive and address field (个人信息保护法 第五十一条); only the jurisdiction key stays clear', () => {
    const clear = FIELD_KEYS.filter((k) => !FIELD_CATALOGUE[k].encrypted);
    expect(clear.sort()).toEqual(['gender', 'grade', 'guardianRelation', 'regionCode']);
    for (const k of FIELD_KEYS) if (FIELD_CATALOGUE[k].sensitivity === 'direct' || FIELD_CATALOGUE[k].sensitivity === 'sensitive') expect(FIELD_CATALOGUE[k].encrypted).toBe(true);
  });

  it('names a Chinese label and a mask for every field, and is frozen', () => {
    for (const k of FIELD_KEYS) {
      expect(FIELD_CATALOGUE[k].label).toMatch(/[\u4e00-\u9fff]/u);
      expect(FIELD_CATALOGUE[k].key).toBe(k);
    }
    expect(Object.isFrozen(FIELD_CATALOGUE)).toBe(true);
    expect(Object.isFrozen(FIELD_CATALOGUE.name)).toBe(true);
  });

  it('looks fields up safely', () => {
    expect(isFieldKey('idNumber')).toBe(true);
    expect(isFieldKey('toString')).toBe(false);
    expect(fieldSpec('nope')).toBeUndefined();
    expect(isProtectedField('name')).toBe(true);
    expect(isProtectedField('grade')).toBe(false);
  });
});
