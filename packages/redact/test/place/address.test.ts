import { describe, expect, it } from 'vitest';
import { addressDetector } from '../../src/detectors/place/address.detector.ts';
import type { Finding } from '../../src/types.ts';

const d = addressDetector();
const spans = (text: string): string[] => d.detect(text).map((f) => f.text);
const one = (text: string): Finding => {
  const fs = d.detect(text);
  expect(fs).toHaveLength(1);
  return fs[0]!;
};

describe('ADDRESS (address_gazetteer)', () => {
  it('covers the whole address inside a sentence, exact UTF-16 span', () => {
    const text = '他家住在福建省南平市松溪县郑墩镇双源村3组12号，父母外出务工';
    const want = '福建省南平市松溪县郑墩镇双源村3组12号';
    const f = one(text);
    expect([f.type, f.source, f.start, f.end, f.text]).toEqual(['ADDRESS', 'address_gazetteer', text.indexOf(want), text.indexOf(want) + want.length, want]);
    expect(f.meta).toEqual({ level: 'number', countyName: '松溪县', countyCode: '350724' });
  });

  it.each([
    ['家住松溪郑墩双源村三组，爷爷奶奶照顾他。', '松溪郑墩双源村三组', '松溪县'],
    ['她家在嘉定区安亭镇墨玉路185号3栋2单元502室。', '嘉定区安亭镇墨玉路185号3栋2单元502室', '嘉定区'],
    ['上海市浦东新区张江镇祖冲之路1号', '上海市浦东新区张江镇祖冲之路1号', '浦东新区'],
    ['户籍地：福建南平松溪县郑墩镇双源村第三组', '福建南平松溪县郑墩镇双源村第三组', '松溪县'],
    ['住址为南平市松溪县松源街道', '南平市松溪县松源街道', '松溪县'],
  ])('alias and full forms: %s', (text, want, county) => {
    const f = one(text);
    expect(f.text).toBe(want);
    expect(f.meta?.countyName).toBe(county);
  });

  it('resolves the county from a village under its township when no county is written', () => {
    expect(one('郑墩镇双源村8号').meta).toMatchObject({ countyName: '松溪县', countyCode: '350724' });
  });

  it('reports streets with numbers without a county, and no county meta then', () => {
    const f = one('住在人民路12号的小明');
    expect(f.text).toBe('人民路12号');
    expect(f.meta).toEqual({ level: 'number' });
  });

  it.each([
    '我们去北京旅游了，还去了松溪县。',
    '福建省南平市松溪县民政局工作人员走访了他家。',
    '上海市人民政府发布通知。',
    '2019年他在南平市住了3个月。',
    '辽宁队17号李从底线传中。',
    '此案经海口市中级人民法院一审。',
    '建在北京西单路口的书店开业了。',
    '西藏自治区申扎东南发生5.1级地震。',
    '我们的国家在21世纪有一个目标。',
  ])('does not report a place at or above county level, teams, courts or routes: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it.each([
    '村里新村中心东方都很热闹。',
    '孩子来自东方，喜欢中心广场。',
    '新村的路很窄，中心街很热闹。',
    '沿着中山路走到头就是。',
    '今年3月，他在松溪县医院住院10天。',
    '村委会主任说，双源村有12户留守儿童。',
    '他家住在农村，父母外出打工。',
    '住在外婆家，平时很少出门。',
  ])('leaves common-word village names and bare streets out of context: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it.each([
    ['郑墩镇双源村', '郑墩镇双源村', 'village'],
    ['来自双源村的孩子', '双源村', 'village'],
    ['家住郑墩镇，离学校很远。', '郑墩镇', 'township'],
    ['他在深圳打工，住在宝安区西乡街道固戍社区。', '宝安区西乡街道固戍社区', 'village'],
  ])('accepts a township or village when anchored by its parent or a cue: %s', (text, want, level) => {
    const f = one(text);
    expect([f.text, f.meta?.level]).toEqual([want, level]);
  });

  it('stops at a clause that talks about people, not the place', () => {
    expect(spans('他家住在双源村3组12号父母外出务工')).toEqual(['双源村3组12号']);
  });

  it('takes estates, buildings and rooms after a street', () => {
    expect(spans('地址：杭州市拱墅区莫干山路1744号美都广场C座1391，请转交。')).toEqual(['杭州市拱墅区莫干山路1744号美都广场C座1391']);
    expect(spans('家住松溪县松源街道幸福小区9-7-1453室。')).toEqual(['松溪县松源街道幸福小区9-7-1453室']);
  });

  it('counts UTF-16 offsets past astral characters', () => {
    const text = '𠮷𠮷家住郑墩镇双源村3组';
    const f = one(text);
    expect(f.start).toBe(6);
    expect(text.slice(f.start, f.end)).toBe('郑墩镇双源村3组');
  });

  it('finds several addresses in one document', () => {
    expect(spans('哥哥住在郑墩镇双源村3组，姐姐住在嘉定区安亭镇墨玉路185号。')).toEqual(['郑墩镇双源村3组', '嘉定区安亭镇墨玉路185号']);
  });
});
