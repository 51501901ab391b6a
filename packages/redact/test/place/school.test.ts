import { describe, expect, it } from 'vitest';
import { schoolDetector } from '../../src/detectors/place/school.detector.ts';

const d = schoolDetector();
const spans = (text: string): string[] => d.detect(text).map((f) => f.text);

describe('SCHOOL (school_pattern)', () => {
  it.each([
    ['他在郑墩镇中心小学读书。', '郑墩镇中心小学'],
    ['哥哥在松溪县第一中学上高二。', '松溪县第一中学'],
    ['表姐在南平市第二实验小学。', '南平市第二实验小学'],
    ['姐姐考上了福建师范大学附属中学。', '福建师范大学附属中学'],
    ['后来去了北京大学，', '北京大学'],
    ['弟弟在县一中。', '县一中'],
    ['村里有所希望小学。', '希望小学'],
    ['她在松溪县特殊教育学校。', '松溪县特殊教育学校'],
    ['他在南平市农业学校就读，', '南平市农业学校'],
    ['他考上了清华大学。', '清华大学'],
    ['妹妹在双源村幼儿园。', '双源村幼儿园'],
    ['他在松溪一中读初三。', '松溪一中'],
    ['他考上了南开大学滨海学院。', '南开大学滨海学院'],
    ['她在南平医学高等专科学校读护理。', '南平医学高等专科学校'],
    ['他考上了外交学院。', '外交学院'],
  ])('finds the whole school name: %s', (text, want) => {
    const fs = d.detect(text);
    expect(fs.map((f) => [f.type, f.source, f.text, f.start])).toEqual([['SCHOOL', 'school_pattern', want, text.indexOf(want)]]);
  });

  it('gives the county when the name starts with one', () => {
    expect(d.detect('他在郑墩镇中心小学读书。')[0]!.meta).toEqual({ countyName: '松溪县', countyCode: '350724' });
  });

  it.each([
    '他不想上学，每天在家。',
    '读大学是他的梦想。',
    '现在大学生很多。',
    '这所大学很好。',
    '他在学校里很开心。',
    '附近的小学离家很远。',
    '他上小学三年级了。',
    '一所重点中学的老师来了。',
    '我们学校组织了活动。',
    '其中一中有三个。',
    '纪念十一届三中全会召开。',
    '交警三中队今年立功。',
    '他当兵上大学。',
    '这是一所试点学校。',
    '村里即使办小学也没有老师。',
  ])('does not fire on generic school words: %s', (text) => {
    expect(spans(text)).toEqual([]);
  });

  it('keeps two schools in one sentence apart', () => {
    expect(spans('哥哥在松溪县第一中学，妹妹在郑墩镇中心小学。')).toEqual(['松溪县第一中学', '郑墩镇中心小学']);
  });
});
