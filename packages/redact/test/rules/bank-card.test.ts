import { describe, expect, it } from 'vitest';
import { bankCardDetector, luhn } from '../../src/detectors/rules/bank-card.detector.ts';
import { found, only, withLuhn } from './helpers.ts';

const d = bankCardDetector();
const CARD19 = withLuhn('622202123456789012');
const CARD16 = withLuhn('622848001234567');
const VISA = withLuhn('411111111111111');
const bad = (c: string) => c.slice(0, -1) + String((Number(c.at(-1)) + 1) % 10);
const fours = (c: string) => c.replace(/(\d{4})(?=\d)/gu, '$1 ');

describe('BANK_CARD', () => {
  it.each([
    [`银行卡号${CARD19}，开户行福州`, CARD19],
    [`卡号${CARD16}`, CARD16],
    [`卡号${fours(CARD19)}。`, fours(CARD19)],
    [`卡号${fours(CARD16)}。`, fours(CARD16)],
    [`账号${VISA}`, VISA],
  ])('finds %s with an exact span', (text, want) => {
    expect(found(d, text)).toEqual([['BANK_CARD', want, text.indexOf(want)]]);
  });

  it('scores lower without a context word', () => {
    expect(only(d, `卡号${CARD19}`).score).toBeGreaterThan(0.9);
    expect(only(d, `号码${CARD19}`).score).toBeLessThan(0.7);
    expect(only(d, `号码${CARD19}`).meta).toEqual({ context: false });
  });

  it.each([
    ['a Luhn failure', `卡号${bad(CARD19)}`],
    ['15 digits', `卡号${withLuhn('62220212345678')}`],
    ['20 digits', `卡号${withLuhn('6222021234567890123')}`],
    ['a card glued to more digits', `卡号1${CARD16}`],
    ['an implausible issuer', `卡号${withLuhn('123456789012345')}`],
    ['a window of a longer table of fours', `${fours(CARD16)} 1234 5678`],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });

  it('Luhn', () => {
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('79927398710')).toBe(false);
  });
});
