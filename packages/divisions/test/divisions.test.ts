import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { HutongError } from '../../core/src/errors.ts';
import { DATA_FILE, EXPECTED_COUNTS, ROOT_CODE, getDivisions } from '../src/index.ts';

const tree = getDivisions();

describe('shipped data', () => {
  it('lives inside the repository, not in ../shared', () => {
    expect(fileURLToPath(DATA_FILE)).toMatch(/packages[/\\]divisions[/\\]data[/\\]divisions\.tsv\.gz$/u);
  });

  it('holds the published number of rows per level', () => {
    expect(Object.values(tree.countByLevel())).toEqual([...EXPECTED_COUNTS]);
    expect(EXPECTED_COUNTS).toEqual([31, 342, 2978, 41352, 620573]);
    // 5 rows repeat a unit one level down (东莞, 中山, 儋州 as 县级; 金门县 as 乡级 and 村级).
    expect(tree.size).toBe(665271);
  });

  it('is a singleton', () => {
    expect(getDivisions()).toBe(tree);
  });
});

describe('get', () => {
  it('finds a county by short and full code', () => {
    const d = tree.get('110101');
    expect(d).toEqual({ code: '110101000000', level: 3, name: '东城区', alias: '东城', parentCode: '110100000000' });
    expect(tree.get('110101000000')).toEqual(d);
  });

  it('keeps the official village name and derives the short form', () => {
    expect(tree.get('110101001001')).toMatchObject({
      level: 5, name: '多福巷社区居委会', shortName: '多福巷社区', parentCode: '110101001000',
    });
    expect(tree.get('350102001001')).toMatchObject({ level: 5, name: '中山社区', parentCode: '350102001000' });
    expect(tree.get('350102001001')?.shortName).toBeUndefined();
  });

  it('carries JioNLP aliases', () => {
    expect(tree.get('310114')).toMatchObject({ name: '嘉定区', alias: '嘉定', level: 3 });
    expect(tree.get('31')).toMatchObject({ name: '上海市', alias: '上海', parentCode: null, level: 1 });
    // Generic development-zone abbreviations are not aliases.
    expect(tree.get('130171')?.alias).toBeUndefined();
  });

  it('marks placeholders and units occupying two levels', () => {
    expect(tree.get('1101')).toMatchObject({ name: '市辖区', level: 2, placeholder: true });
    expect(tree.get('4290')).toMatchObject({ name: '省直辖县级行政区划', placeholder: true });
    expect(tree.get('4419')).toMatchObject({ name: '东莞市', level: 2, alsoLevels: [3], alias: '东莞' });
    expect(tree.get('350527')).toMatchObject({ name: '金门县', level: 3, alsoLevels: [4, 5] });
  });

  it('answers undefined for unknown codes and throws a Chinese error for malformed ones', () => {
    expect(tree.get('990000')).toBeUndefined();
    expect(tree.get('110101999999')).toBeUndefined();
    expect(() => tree.get('3501020')).toThrow(HutongError);
    expect(() => tree.get('3501020')).toThrow('应为 2、4、6、9 或 12 位数字');
    expect(() => tree.get('abc')).toThrow('应只包含数字');
    expect(() => tree.children('11x')).toThrow(HutongError);
  });
});

describe('path and fullName', () => {
  it('walks from the province down, placeholders included', () => {
    expect(tree.path('110101001001').map((d) => d.name)).toEqual(['北京市', '市辖区', '东城区', '东华门街道', '多福巷社区居委会']);
    expect(tree.path('990000')).toEqual([]);
  });

  it('writes names as on forms, without intermediate placeholders or repeats', () => {
    expect(tree.fullName('350102001')).toBe('福建省福州市鼓楼区鼓东街道');
    expect(tree.fullName('350102001001')).toBe('福建省福州市鼓楼区鼓东街道中山社区');
    expect(tree.fullName('110101001001')).toBe('北京市东城区东华门街道多福巷社区居委会');
    expect(tree.fullName('429004001')).toBe('湖北省仙桃市沙嘴街道');
    expect(tree.fullName('441900003')).toBe('广东省东莞市东城街道');
    expect(tree.fullName('1101')).toBe('北京市市辖区');
    expect(tree.fullName('990000')).toBeUndefined();
  });
});

describe('children and countyOf', () => {
  it('lists direct children in code order', () => {
    const fujian = tree.children('35');
    expect(fujian).toHaveLength(9);
    expect(fujian.map((d) => d.name).slice(0, 3)).toEqual(['福州市', '厦门市', '莆田市']);
    expect(fujian.every((d) => d.level === 2 && d.parentCode === '350000000000')).toBe(true);
    expect(tree.children('11').map((d) => d.code)).toEqual(['110100000000']);
    expect(tree.children('110101001001')).toEqual([]);
    expect(tree.hasChildren('110101001')).toBe(true);
    expect(tree.hasChildren('110101001001')).toBe(false);
    expect(tree.hasChildren('990000')).toBe(false);
    expect(tree.children('990000')).toEqual([]);
  });

  it('treats 000000000000 as the whole country (the server nationwide jurisdiction)', () => {
    const provinces = tree.children(ROOT_CODE);
    expect(provinces).toHaveLength(31);
    expect(provinces.every((d) => d.level === 1 && d.parentCode === null)).toBe(true);
    expect(tree.findByName('鼓楼区', { within: ROOT_CODE })).toHaveLength(4);
    expect(tree.get(ROOT_CODE)).toBeUndefined();
    expect(tree.path(ROOT_CODE)).toEqual([]);
    expect(() => tree.get('00')).toThrow(HutongError);
  });

  it('skips the repeated 县级 row under cities without counties', () => {
    const dongguan = tree.children('4419');
    expect(dongguan.length).toBeGreaterThan(20);
    expect(dongguan.every((d) => d.level === 4)).toBe(true);
  });

  it('finds the county-level unit', () => {
    expect(tree.countyOf('110101001001')?.code).toBe('110101000000');
    expect(tree.countyOf('441900003000')?.name).toBe('东莞市');
    expect(tree.countyOf('429004001')?.name).toBe('仙桃市');
    expect(tree.countyOf('3501')).toBeUndefined();
  });
});

describe('findByName', () => {
  it('matches official names, short names and aliases exactly', () => {
    expect(tree.findByName('鼓楼区').map((d) => d.code)).toEqual(['320106000000', '320302000000', '350102000000', '410204000000']);
    expect(tree.findByName('嘉定').map((d) => d.code)).toEqual(['310114000000']);
    expect(tree.findByName(' 多福巷社区 ').map((d) => d.code)).toEqual(['110101001001']);
    expect(tree.findByName('多福巷社区居委会').map((d) => d.code)).toEqual(['110101001001']);
    expect(tree.findByName('多福巷')).toEqual([]);
    expect(tree.findByName('')).toEqual([]);
  });

  it('filters by region, level and limit', () => {
    expect(tree.findByName('鼓楼区', { within: '35' }).map((d) => d.code)).toEqual(['350102000000']);
    expect(tree.findByName('鼓楼区', { within: '350102' }).map((d) => d.code)).toEqual(['350102000000']);
    expect(tree.findByName('鼓楼区', { within: '3502' })).toEqual([]);
    expect(tree.findByName('鼓楼区', { limit: 2 })).toHaveLength(2);
    expect(tree.findByName('东莞市', { level: 3 }).map((d) => d.code)).toEqual(['441900000000']);
    // 许昌 has a township (乡级) also called 东城区; the level filter separates it from the counties.
    expect(tree.findByName('东城区', { level: 4 }).map((d) => d.code)).toEqual(['411002570000']);
    expect(tree.findByName('东城区', { level: 3 }).map((d) => d.code)).toContain('110101000000');
    const villages = tree.findByName('新村', { level: 5 });
    expect(villages.length).toBeGreaterThan(50);
    expect(villages.every((d) => d.level === 5)).toBe(true);
  });

  it('does not index placeholders', () => {
    expect(tree.findByName('市辖区')).toEqual([]);
    expect(tree.findByName('县')).toEqual([]);
  });
});

describe('existsCounty (身份证号 address codes)', () => {
  it('accepts county, city and province codes', () => {
    for (const c of ['110101', '350102', '441900', '429004', '350100', '350000']) expect(tree.existsCounty(c), c).toBe(true);
  });

  it('rejects unknown or malformed codes without throwing', () => {
    for (const c of ['110199', '999999', '000000', '11010', '1101010', 'abcdef', '']) expect(tree.existsCounty(c), c).toBe(false);
  });
});

describe('namesIter', () => {
  it('yields every unit in code order, placeholders only on request', () => {
    let n = 0, prev = '';
    for (const d of tree.namesIter()) {
      if (d.code <= prev) throw new Error(`顺序错误：${d.code}`);
      prev = d.code;
      n++;
    }
    expect(n).toBe(665271 - 9);
    let all = 0;
    for (const _ of tree.namesIter({ includePlaceholders: true })) all++;
    expect(all).toBe(665271);
  });
});
