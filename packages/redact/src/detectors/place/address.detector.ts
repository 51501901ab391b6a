/**
 * ADDRESS: home and family addresses, which 第十四条 of the 困境儿童 measures forbids publishing.
 *
 * Decision: a finding must go below county level (township, village, estate, street, number,
 * group). "去北京旅游" or "松溪县的孩子" names a place many thousands share and stays; the
 * generalise-to-county operator (法释〔2016〕19号) gets the county in meta when it can be resolved.
 * A township or village name alone is accepted only when anchored: under its county in the chain,
 * followed by a street/number/group, or right after a cue such as 家住/住在/来自, because many
 * village names are everyday words (新村, 中心, 东方).
 */
import type { Detector, Finding } from '../../types.ts';
import { getGazetteer, type Gazetteer, type PlaceHit } from './gazetteer.ts';
import { readChain, type Part } from './address-chain.ts';
import { CUE, ESTATE_END, GENERIC_PLACE, isHan as importedIsHan, isStopCode as importedIsStopCode, RESIDENTIAL_END, ROAD_BEFORE_NUMBER, ROAD_NAME_MAX } from './address-patterns.ts';

// Module-local copies: the per-character scans below would otherwise read the live import bindings each time.
const isHan = importedIsHan, isStopCode = importedIsStopCode;

const START_CUE = 1, START_ROAD = 2;
const TOWNSHIP_END = /(?:镇|乡|街道)$/u;

/** Positions where a cue ends or a numbered street's name begins (one linear pass each). */
function startFlags(text: string): Uint8Array {
  const flags = new Uint8Array(text.length + 1);
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m; m = CUE.exec(text)) flags[m.index + m[0].length]! |= START_CUE;
  ROAD_BEFORE_NUMBER.lastIndex = 0;
  for (let m = ROAD_BEFORE_NUMBER.exec(text); m; m = ROAD_BEFORE_NUMBER.exec(text)) {
    let s = m.index;
    while (s > 0 && m.index - s < ROAD_NAME_MAX && isHan(text.charCodeAt(s - 1)) && !isStopCode(text.charCodeAt(s - 1)) && !(flags[s]! & START_CUE)) s--;
    if (s < m.index) flags[s]! |= START_ROAD;
  }
  return flags;
}

type Level = 'township' | 'village' | 'zone' | 'road' | 'poi' | 'number';
const RANK: Record<Level, number> = { township: 1, village: 2, zone: 3, poi: 4, road: 5, number: 6 };

function finer(a: Level | null, b: Level): Level {
  return a && RANK[a] >= RANK[b] ? a : b;
}

/** A township stem (郑墩) is only a township when a division, street or number follows it. */
function firmAfter(parts: readonly Part[], k: number): boolean {
  const next = parts[k + 1];
  return !!next && (next.kind === 'place' || next.kind === 'road' || next.kind === 'number');
}

/**
 * Without a cue the chain must prove itself: a township or village under a division written
 * before it, a number (号/组/栋/室) after a street, village or estate, or an estate (小区, 新村)
 * after a division. Team names (辽宁队17号), offices (海口市中级人民法院) and routes (北京西单路)
 * stay out.
 */
function plainLevel(text: string, parts: readonly Part[]): Level | null {
  let best: Level | null = null, places = 0, anchor = false;
  parts.forEach((p, k) => {
    if (p.kind === 'place') {
      if (p.level! >= 4 && !(p.weak && !firmAfter(parts, k))) {
        if (places > 0) best = finer(best, p.level === 5 ? 'village' : 'township');
        if (!p.weak) anchor = true;
      }
      places++;
    } else if (p.kind === 'road') {
      if (best === 'township' || best === 'village') best = finer(best, 'road');
      anchor = true;
    } else if (p.kind === 'poi' && places > 0 && ESTATE_END.test(text.slice(p.start, p.end))) {
      best = finer(best, 'poi');
      anchor = true;
    } else if (p.kind === 'number' && anchor) best = finer(best, 'number');
  });
  return best;
}

/** After 家住/住在/来自…, anything below county counts; a free name alone needs a number or estate word. */
function cueLevel(text: string, parts: readonly Part[]): Level | null {
  let best: Level | null = null, places = 0;
  parts.forEach((p, k) => {
    const s = text.slice(p.start, p.end);
    if (p.kind === 'place') {
      if (p.level! >= 4 && !(p.weak && !firmAfter(parts, k))) best = finer(best, p.level === 5 ? 'village' : 'township');
      places++;
    } else if (p.kind === 'admin') {
      if (TOWNSHIP_END.test(s)) best = finer(best, 'township');
    } else if (p.kind === 'zone' || p.kind === 'road' || p.kind === 'number') best = finer(best, p.kind);
    else if (p.kind === 'poi' && !GENERIC_PLACE.test(s)) {
      if (/[0-9０-９]/u.test(s)) best = finer(best, 'number');
      else if (places > 0 || RESIDENTIAL_END.test(s)) best = finer(best, 'poi');
    }
  });
  return best;
}

function countyMeta(g: Gazetteer, units: readonly number[]): Record<string, string> {
  let county = -1;
  for (const u of units) {
    const c = g.countyOf(u);
    if (c < 0 || (county >= 0 && c !== county)) return {};
    county = c;
  }
  return county < 0 ? {} : { countyName: g.names[county]!, countyCode: g.code6(county) };
}

export function addressDetector(): Detector {
  return {
    name: 'address_gazetteer',
    types: ['ADDRESS'],
    detect(text: string): Finding[] {
      const g = getGazetteer();
      const flags = startFlags(text);
      const out: Finding[] = [];
      const hits: PlaceHit[] = [];
      for (let i = 0; i < text.length;) {
        const f = flags[i]!;
        if (hits.length) hits.length = 0;
        if (isHan(text.charCodeAt(i))) g.hitsAt(text, i, hits);
        const cue = (f & START_CUE) !== 0;
        const chain = hits.length || f ? readChain(g, text, i, hits.length && !f ? hits : null, cue) : null;
        if (chain) {
          const level = cue ? cueLevel(text, chain.parts) : plainLevel(text, chain.parts);
          if (level) {
            out.push({
              type: 'ADDRESS', start: chain.start, end: chain.end, text: text.slice(chain.start, chain.end),
              score: level === 'number' || chain.parts[0]!.kind === 'place' ? 0.9 : 0.75,
              source: 'address_gazetteer',
              meta: { level, ...countyMeta(g, chain.units) },
            });
            i = chain.end;
            continue;
          }
        }
        i++;
      }
      return out;
    },
  };
}
