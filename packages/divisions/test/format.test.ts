import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { GENERIC_ALIASES, pickAlias, splitCsvLine, type JioNlpTree } from '../scripts/sources.ts';
import { decodeShort, encodeShort } from '../src/format.ts';
import { hashName, NameIndex } from '../src/name-index.ts';
import { deriveShortName } from '../src/short-name.ts';
import { DivisionTree } from '../src/tree.ts';

describe('deriveShortName', () => {
  it.each([
    ['多福巷社区居委会', '多福巷社区'],
    ['大北家园社区居民委员会', '大北家园社区'],
    ['北新村民委员会', '北新村'],
    ['侯黄庄村村民委员会', '侯黄庄村'],
    ['楼梓庄村委会', '楼梓庄村'],
    ['三间房东村村委会', '三间房东村'],
    ['崇串村村委员会', '崇串村'],
    ['新兴里居委会', '新兴里社区'],
    ['彭村居委会', '彭村'],
    ['庆丰家委会', '庆丰社区'],
    ['白音敖包嘎查委员会', '白音敖包嘎查'],
    ['北扎兰营子村委会（一分场）', '北扎兰营子村'],
    ['东青社区居委会（含东青村村委）', '东青社区'],
    ['中国矿业大学（北京）社区居委会', '中国矿业大学（北京）社区'],
  ])('%s → %s', (name, short) => {
    expect(deriveShortName(name, 5)).toBe(short);
  });

  it.each([
    '华旺社区', '北新村', '乃力珠嘎查', '日晖六村第一居委会', '巴音牧委会', '渔委会', '村委会', '第一街委员会',
  ])('%s has no short form', (name) => {
    expect(deriveShortName(name, 5)).toBeUndefined();
  });

  it('only shortens townships and villages', () => {
    expect(deriveShortName('保康街道办事处', 4)).toBe('保康街道');
    expect(deriveShortName('经济开发区（马棚街道）', 4)).toBeUndefined();
    expect(deriveShortName('东城区', 3)).toBeUndefined();
  });
});

describe('file format pieces', () => {
  it('encodes short names against the official name', () => {
    for (const [name, short] of [['多福巷社区居委会', '多福巷社区'], ['建兰居委会', '建兰社区'], ['北新村民委员会', '北新村']] as const) {
      const enc = encodeShort(name, short);
      expect(decodeShort(name, enc)).toBe(short);
    }
    expect(encodeShort('多福巷社区居委会', '多福巷社区')).toBe('5');
    expect(encodeShort('建兰居委会', '建兰社区')).toBe('2社区');
    expect(decodeShort('x', '')).toBeUndefined();
  });

  it('rejects a damaged file with a Chinese message', () => {
    expect(() => DivisionTree.fromGzip(gzipSync('hello\n'))).toThrow('区划数据文件损坏');
    const header = '#hutong-divisions/1\tcounts=1,0,0,0,1\n';
    expect(() => DivisionTree.fromGzip(gzipSync(`${header}110000000000\t\t1\t北京市\n110101001001\t\t5\t某村\n`))).toThrow('不存在');
  });

  it('parses a minimal tree', () => {
    const t = DivisionTree.fromGzip(gzipSync('#hutong-divisions/1\tcounts=1,1,1,0,0\n'
      + '110000000000\t\t1\t北京市\t\t北京\n110100000000\t\t2\t市辖区\n110101000000\t\t3\t东城区\t\t东城\n'));
    expect(t.fullName('110101')).toBe('北京市东城区');
    expect(t.findByName('东城')[0]?.code).toBe('110101000000');
  });
});

describe('NameIndex', () => {
  it('returns every node a key was added for, in order', () => {
    const keys = [['甲', '乙'], ['乙'], [undefined, '丙'], ['甲']];
    const idx = NameIndex.build(keys.length, (i) => keys[i]!);
    expect(idx.candidates('甲')).toEqual([0, 3]);
    expect(idx.candidates('乙')).toEqual([0, 1]);
    expect(idx.candidates('丁')).toEqual([]);
    expect(hashName('甲')).toBe(hashName('甲'));
  });
});

describe('build helpers', () => {
  it('splits quoted CSV fields', () => {
    expect(splitCsvLine('110101001,"东华门街道",110101,11,1101')).toEqual(['110101001', '东华门街道', '110101', '11', '1101']);
    expect(splitCsvLine('1,"a,""b""",')).toEqual(['1', 'a,"b"', '']);
    expect(() => splitCsvLine('1,"open')).toThrow('引号未闭合');
  });

  it('takes JioNLP aliases only for the same unit and never generic ones', () => {
    const tree: JioNlpTree = {
      aliases: new Map([
        ['310114', [{ name: '嘉定区', alias: '嘉定' }]],
        ['460321', [{ name: '西沙区', alias: '西沙' }]],
        ['152971', [{ name: '内蒙古阿拉善经济开发区', alias: '经开区' }]],
        ['130505', [{ name: '任县', alias: '任县' }]],
      ]),
      villages: new Map(),
    };
    expect(pickAlias(tree, '310114', '嘉定区')).toBe('嘉定');
    expect(pickAlias(tree, '460321', '西沙群岛')).toBe('西沙');
    expect(pickAlias(tree, '152971', '内蒙古阿拉善高新技术产业开发区')).toBeUndefined();
    expect(pickAlias(tree, '130505', '任泽区')).toBeUndefined();
    expect(GENERIC_ALIASES.has('高新区')).toBe(true);
  });
});
