import { describe, expect, it } from 'vitest';
import { blindIndex, normaliseIdNumber, normaliseName } from './blind-index.ts';
import { lengthPrefixed } from './bytes.ts';
import { newKeyringJson, parseKeyring } from './keyring-json.ts';
import { hmacSm3 } from './sm3.ts';
import type { SuiteName } from './suite.ts';

const memoryKeyring = (suite: SuiteName = 'sm4-sm3') => parseKeyring(JSON.stringify(newKeyringJson(suite)), 'env');

describe('normaliseIdNumber', () => {
  it.each([
    [' 35010220100101123x ', '35010220100101123X'],
    ['350102-20100101-123X', '35010220100101123X'],
    ['350102 2010 0101 123x', '35010220100101123X'],
    ['３５０１０２２０１００１０１１２３ｘ', '35010220100101123X'],
    ['350102\u300020100101123x', '35010220100101123X'],
    ['350102－20100101—123x', '35010220100101123X'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseIdNumber(input)).toBe(expected);
  });
});

describe('normaliseName', () => {
  it.each([
    [' 张三 ', '张三'],
    ['张 三', '张三'],
    ['张\u3000三\t', '张三'],
    ['Ｌｉ Ｍｉｎｇ', 'LiMing'],
    ['买买提・艾力', '买买提·艾力'],
    ['买买提•艾力', '买买提·艾力'],
    ['𠮷祥', '𠮷祥'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});

describe('blindIndex', () => {
  const keyring = memoryKeyring();

  it('is equal for equivalent inputs', () => {
    const a = blindIndex(keyring, 'child.id_number', normaliseIdNumber(' 35010220100101123x '));
    const b = blindIndex(keyring, 'child.id_number', normaliseIdNumber('35010220100101123X'));
    expect(a).toEqual(b);
    expect(a).toHaveLength(32);
  });

  it('differs across values, index names and keyrings', () => {
    const value = '35010220100101123X';
    const base = blindIndex(keyring, 'child.id_number', value).toString('hex');
    expect(blindIndex(keyring, 'child.id_number', '350102201001011230').toString('hex')).not.toBe(base);
    expect(blindIndex(keyring, 'guardian.id_number', value).toString('hex')).not.toBe(base);
    expect(blindIndex(memoryKeyring(), 'child.id_number', value).toString('hex')).not.toBe(base);
  });

  it('is HMAC-SM3 under a per-index key derived from indexKey, not a data or master key', () => {
    const perIndexKey = hmacSm3(keyring.indexKey, lengthPrefixed('hutong/blind-index/v1', 'child.name'));
    expect(blindIndex(keyring, 'child.name', '张三')).toEqual(hmacSm3(perIndexKey, '张三'));
    expect(blindIndex(keyring, 'child.name', '张三')).not.toEqual(hmacSm3(keyring.masterKey(1), '张三'));
  });

  it('follows the keyring suite', () => {
    const aes = memoryKeyring('aes256gcm-sha256');
    expect(blindIndex(aes, 'child.name', '张三')).toHaveLength(32);
  });

  it('refuses empty values and names', () => {
    expect(() => blindIndex(keyring, 'child.name', normaliseName('   '))).toThrow('盲索引的值不能为空');
    expect(() => blindIndex(keyring, '', 'x')).toThrow('盲索引名称不能为空');
  });
});
