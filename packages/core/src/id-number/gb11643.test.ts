import { describe, expect, it } from 'vitest';
import { checkDigit, checkIdNumber, composeIdNumber, normaliseIdNumber } from './gb11643.ts';

describe('GB 11643 公民身份号码', () => {
  it('computes the ISO 7064 MOD 11-2 check character (published example 11010519491231002X)', () => {
    expect(checkDigit('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X').ok).toBe(true);
  });

  it.each([
    ['110105194912310021', 'checksum'],
    ['11010519491231002', 'format'],
    ['1101051949123100XX', 'format'],
    ['11010519490230002' + checkDigit('11010519490230002'), 'birthDate'],
  ])('rejects %s (%s)', (id, problem) => {
    const r = checkIdNumber(id);
    expect(r.ok).toBe(false);
    expect(r.problem).toBe(problem);
    expect(r.message).toMatch(/身份证号/u);
  });

  it('rejects a number whose region does not exist, through the port', () => {
    const id = composeIdNumber('990101', '2015-03-04', 12, 'female');
    expect(checkIdNumber(id, { regionExists: (c) => c !== '990101' }).problem).toBe('region');
  });

  it('requires agreement with the birth-date field when given', () => {
    const id = composeIdNumber('350102', '2015-03-04', 12, 'female');
    expect(checkIdNumber(id, { birthDate: '2015-03-04' }).ok).toBe(true);
    const r = checkIdNumber(id, { birthDate: '2015-03-05' });
    expect(r.problem).toBe('birthDateMismatch');
  });

  it('reads gender from the 17th digit and tolerates spaces, dashes and lower-case x', () => {
    const male = composeIdNumber('350102', '2012-12-31', 7, 'male');
    expect(checkIdNumber(male).gender).toBe('male');
    expect(checkIdNumber(composeIdNumber('350102', '2012-12-31', 7, 'female')).gender).toBe('female');
    expect(normaliseIdNumber('1101 0519-4912 31002x')).toBe('11010519491231002X');
  });

  it('accepts 29 February only in leap years', () => {
    expect(checkIdNumber(composeIdNumber('350102', '2016-02-29', 1, 'male')).ok).toBe(true);
    const bad = '35010220150229' + '001';
    expect(checkIdNumber(bad + checkDigit(bad)).problem).toBe('birthDate');
  });
});
