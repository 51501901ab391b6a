import { describe, expect, it } from 'vitest';
import { emailDetector } from '../../src/detectors/rules/email.detector.ts';
import { qqDetector } from '../../src/detectors/rules/qq.detector.ts';
import { wechatDetector } from '../../src/detectors/rules/wechat.detector.ts';
import { found, only } from './helpers.ts';

describe('EMAIL', () => {
  const d = emailDetector();
  it.each([
    ['邮箱abc.def@qq.com联系', 'abc.def@qq.com'],
    ['发到zhang_san+hutong@mail.example.org.cn。', 'zhang_san+hutong@mail.example.org.cn'],
    ['12345678@qq.com', '12345678@qq.com'],
    ['写信给a@b-c.cn.', 'a@b-c.cn'],
  ])('finds %s', (text, want) => {
    expect(found(d, text)).toEqual([['EMAIL', want, text.indexOf(want)]]);
  });
  it.each([['@@@@'], ['abc@localhost'], ['abc@qq.'], ['@qq.com'], ['abc.@qq.com'], ['abc@-qq.com'], ['abc@qq.c0m']])('ignores %s', (text) => {
    expect(found(d, text)).toEqual([]);
  });
});

describe('QQ', () => {
  const d = qqDetector();
  it.each([
    ['加我QQ12345678好吗', '12345678'],
    ['qq号：987654321。', '987654321'],
    ['扣扣 10001', '10001'],
    ['企鹅号是12345678901', '12345678901'],
  ])('finds %s', (text, want) => {
    expect(found(d, text)).toEqual([['QQ', want, text.indexOf(want)]]);
  });
  it('takes the nearest number only', () => {
    expect(found(d, 'QQ号123456和7654321')).toEqual([['QQ', '123456', 3]]);
  });
  it.each([
    ['no context', '编号12345678'],
    ['a leading zero', 'QQ012345678'],
    ['4 digits', 'QQ1234'],
    ['12 digits', 'QQ123456789012'],
    ['a context too far away', 'QQ这个软件我平时很少用到了12345678'],
    ['a number in a space-grouped run', 'QQ 1234 5678'],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });
});

describe('WECHAT', () => {
  const d = wechatDetector();
  it.each([
    ['微信号：abc_123456。', 'abc_123456', 'id'],
    ['加微信hutong-2024谢谢', 'hutong-2024', 'id'],
    ['vx: zhang_san88', 'zhang_san88', 'id'],
    ['VX13912345678', '13912345678', 'phone'],
    ['V信 13912345678', '13912345678', 'phone'],
    ['weixin:Abc12345', 'Abc12345', 'id'],
    ['号wxid_abcdef123了', 'wxid_abcdef123', 'wxid'],
  ])('finds %s', (text, want, kind) => {
    const f = only(d, text);
    expect([f.text, f.start, f.end, f.meta?.kind]).toEqual([want, text.indexOf(want), text.indexOf(want) + want.length, kind]);
  });
  it.each([
    ['no cue', '账号abc_123456'],
    ['a cue inside an English word', 'Linux abc_123456'],
    ['an id too short', '微信abc12'],
    ['an id too long', '微信abcdefghij0123456789x'],
    ['an id starting with a digit', '微信1abcdef'],
    ['Chinese after the cue', '微信公众号'],
  ])('ignores %s', (_why, text) => {
    expect(found(d, text)).toEqual([]);
  });
  it('scores an all-letter id lower', () => {
    expect(only(d, '微信 zhangsan').score).toBeLessThan(only(d, '微信 zhang_san').score);
  });
});
