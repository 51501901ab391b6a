import { describe, expect, it } from 'vitest';
import { getGazetteer, FormKind, type PlaceHit } from '../../src/detectors/place/gazetteer.ts';
import { placeDetectors } from '../../src/detectors/place/index.ts';

const g = getGazetteer();
const hitsAt = (text: string, at = 0): [string, FormKind, string][] => {
  const out: PlaceHit[] = [];
  g.hitsAt(text, at, out);
  return out.map((h) => [text.slice(at, h.end), g.kindAt(h.from), g.names[g.nodeAt(h.from)]!]);
};

describe('place gazetteer', () => {
  it('matches official names, short names, aliases and township stems, shortest first', () => {
    expect(hitsAt('松溪县城')).toEqual(expect.arrayContaining([['松溪', FormKind.Alias, '松溪县'], ['松溪县', FormKind.Name, '松溪县']]));
    expect(hitsAt('郑墩镇')).toContainEqual(['郑墩', FormKind.Stem, '郑墩镇']);
    expect(hitsAt('双源村3组').some(([s, k]) => s === '双源村' && k === FormKind.Short)).toBe(true);
    expect(hitsAt('嘉定').map(([s]) => s)).toContain('嘉定');
  });

  it('reports nothing for text no name starts with', () => {
    expect(hitsAt('，。abc')).toEqual([]);
    expect(hitsAt('的')).toEqual([]);
  });

  it('knows the tree: nesting and county of a unit', () => {
    const out: PlaceHit[] = [];
    g.hitsAt('松溪县', 0, out);
    const county = g.nodeAt(out[out.length - 1]!.from);
    expect(g.code6(county)).toBe('350724');
    expect(g.countyOf(county)).toBe(county);
    const town: PlaceHit[] = [];
    g.hitsAt('郑墩镇', 0, town);
    const zd = g.nodeAt(town[town.length - 1]!.from);
    expect(g.contains(county, zd)).toBe(true);
    expect(g.levelOf(zd)).toBe(4);
    expect(g.countyOf(zd)).toBe(county);
  });

  it('exports both detectors from the factory', () => {
    expect(placeDetectors().map((x) => [x.name, x.types])).toEqual([['address_gazetteer', ['ADDRESS']], ['school_pattern', ['SCHOOL']]]);
  });
});
