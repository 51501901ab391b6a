/**
 * Reads one address from a start position as a chain of parts: division names that nest (each
 * one inside the last, so 松溪县郑墩镇 resolves to one county), then streets, estates, numbers,
 * groups and rooms. The chain stops at the first character no part explains.
 */
import { FormKind, type Gazetteer, type PlaceHit } from './gazetteer.ts';
import {
  ADMIN, BARE_NUMBER, hasStop as importedHasStop, isHan as importedIsHan, isStopCode as importedIsStopCode, LINK, NUMBERED, POI, ROAD, ZONE,
} from './address-patterns.ts';

// Module-local copies of the helpers called per character (no live-binding load per call).
const isHan = importedIsHan, hasStop = importedHasStop, isStopCode = importedIsStopCode;
const STEM = FormKind.Stem;

export type PartKind = 'place' | 'admin' | 'zone' | 'road' | 'poi' | 'number' | 'link';

export interface Part {
  readonly kind: PartKind;
  readonly start: number;
  readonly end: number;
  /** Shallowest level among the units a place part may name (4 township, 5 village). */
  readonly level?: number;
  /** A township stem (郑墩) or a cue-only guess (bare number, free name, clause tail). */
  readonly weak?: boolean;
}

export interface Chain {
  readonly start: number;
  readonly end: number;
  readonly parts: readonly Part[];
  /** Units the deepest place part may be, consistent with every place before it. */
  readonly units: readonly number[];
}

/** More candidates than this (新村 names ~300 units) say nothing about the county anyway. */
const MAX_UNITS = 256;
const MAX_PARTS = 40;
const NAME_GAP = 12;
const TAIL_MAX = 16;
const CLAUSE_END = /[\s，。；！？,.;!?、：:）)」』”]/u;
/** A clause that goes on about people or life, not about the place (…12号父母外出务工). */
const TAIL_NOT = /父|母|爸|妈|爷|奶|外出|务工|打工|上学|读书|生活|现在|目前|今年|去年|孩子|学生|老师|离异|去世|照顾|留守|一家/u;

function stickyEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? at + m[0].length : -1;
}

/** A name part must not run across a verb or function word (住在村里的路 is not a street). */
function nameEnd(re: RegExp, text: string, at: number): number {
  const end = stickyEnd(re, text, at);
  return end > 0 && !hasStop(text, at, end) ? end : -1;
}

/** Set by continuing(): every unit it accepted came through a township stem. */
let stemOnly = false;

/**
 * Units of `hit` that continue the chain: inside one of `within` (or anywhere when the chain has
 * no place yet). Township stems (坎墩 for 坎墩街道) only count under their county.
 */
function continuing(g: Gazetteer, hit: PlaceHit, within: readonly number[]): readonly number[] {
  const out: number[] = [];
  stemOnly = true;
  // Forms repeat the chain (浙江省湖州市安吉县浙江省湖州市安吉县…): an ancestor again is glue.
  if (within.length) {
    for (let k = hit.from; k < hit.to; k++) if (g.contains(g.nodeAt(k), within[0]!)) { stemOnly = false; return within; }
  }
  for (let k = hit.from; k < hit.to && out.length < MAX_UNITS; k++) {
    const node = g.nodeAt(k), kind = g.kindAt(k);
    if (within.length === 0) {
      if (kind !== STEM) { out.push(node); stemOnly = false; }
      continue;
    }
    for (const w of within) {
      if (w !== node && g.contains(w, node)) { out.push(node); if (kind !== STEM) stemOnly = false; break; }
    }
  }
  return out;
}

/**
 * `firstHits`: the chain must open with this gazetteer match (a scan position). `cue`: the text
 * right before says an address follows (家住…), so the chain may open with an estate and the
 * rest of the clause is taken as its tail (shop, 丰巢 locker, door) up to punctuation.
 */
export function readChain(g: Gazetteer, text: string, start: number, firstHits: PlaceHit[] | null, cue: boolean): Chain | null {
  const parts: Part[] = [];
  let units: readonly number[] = [];
  let pos = start;
  const hits: PlaceHit[] = [];
  while (pos < text.length && parts.length < MAX_PARTS) {
    const c = text.charCodeAt(pos);
    let placeEnd = -1, placeUnits: readonly number[] = [], placeStem = false;
    if (isHan(c)) {
      let list = hits;
      if (pos === start && firstHits) list = firstHits;
      else { hits.length = 0; g.hitsAt(text, pos, hits); }
      for (let h = list.length - 1; h >= 0; h--) {
        const u = continuing(g, list[h]!, units);
        if (u.length) { placeEnd = list[h]!.end; placeUnits = u; placeStem = stemOnly; break; }
      }
    }
    if (parts.length === 0 && firstHits && placeEnd < 0) return null;
    const han = isHan(c);
    const roadEnd = han || isDigit(c) ? nameEnd(ROAD, text, pos) : -1;
    // POI and ADMIN only when asked for below (pure sticky matches, so evaluating them late changes nothing).
    const poiOk = (parts.length > 0 || cue) && han;
    const adminOk = cue && parts.length > 0 && han;
    if (placeEnd > 0) {
      const poiEnd = poiOk ? nameEnd(POI, text, pos) : -1;
      const adminEnd = adminOk ? nameEnd(ADMIN, text, pos) : -1;
      // 中山路 is a street, not the city 中山 and then 路; 龙州街道 a township, not 龙州县 and 街道:
      // a street, estate or division word that only adds a suffix wins over the bare name.
      let alt = -1;
      if (adminEnd > placeEnd && adminEnd - placeEnd <= 2) alt = adminEnd;
      if (roadEnd > placeEnd && roadEnd - placeEnd <= 2 && roadEnd > alt) alt = roadEnd;
      if (poiEnd > placeEnd && poiEnd - placeEnd <= 2 && poiEnd > alt) alt = poiEnd;
      if (alt > 0 && !hasHitAt(g, text, placeEnd)) {
        parts.push({ kind: alt === adminEnd ? 'admin' : alt === roadEnd ? 'road' : 'poi', start: pos, end: alt });
        pos = alt;
        continue;
      }
      // The shallowest reading counts: 申扎 is 申扎县 before it is 申扎镇.
      let level = 5;
      for (const u of placeUnits) level = Math.min(level, g.deepestLevel(u));
      parts.push(placeStem ? { kind: 'place', start: pos, end: placeEnd, level, weak: true } : { kind: 'place', start: pos, end: placeEnd, level });
      if (placeUnits !== units) units = placeUnits;
      pos = placeEnd;
      continue;
    }
    let end = stickyEnd(NUMBERED, text, pos);
    let kind: PartKind = 'number', weak = false;
    // Guesses that only hold where a cue says an address is being written.
    if (end < 0 && cue && belowCounty(parts)) { end = stickyEnd(BARE_NUMBER, text, pos); weak = true; }
    if (end < 0 && roadEnd > 0) { end = roadEnd; kind = 'road'; }
    if (end < 0 && han) { end = nameEnd(ZONE, text, pos); kind = 'zone'; }
    if (end < 0 && poiOk) { const poiEnd = nameEnd(POI, text, pos); if (poiEnd > 0) { end = poiEnd; kind = 'poi'; } }
    if (end < 0 && adminOk) { const adminEnd = nameEnd(ADMIN, text, pos); if (adminEnd > 0) { end = adminEnd; kind = 'admin'; } }
    if (end < 0 && parts.length > 0) { end = stickyEnd(LINK, text, pos); kind = 'link'; }
    // An unlisted estate or building name before its number: 孝子祠153栋, 晨光国际8-6-1440.
    if (end < 0 && cue) { end = nameBeforeNumber(text, pos); kind = 'poi'; weak = true; }
    if (end < 0) break;
    parts.push(weak ? { kind, start: pos, end, weak } : { kind, start: pos, end });
    pos = end;
  }
  if (cue && parts.length) {
    const end = clauseTail(text, pos);
    if (end > pos) parts.push({ kind: 'poi', start: pos, end, weak: true });
  }
  while (parts.length && parts[parts.length - 1]!.kind === 'link') parts.pop();
  if (!parts.length) return null;
  return { start, end: parts[parts.length - 1]!.end, parts, units };
}

/** Whether the chain already names something finer than a county (a bare number then counts). */
function belowCounty(parts: readonly Part[]): boolean {
  return parts.some((p) => p.kind !== 'link' && (p.kind !== 'place' || p.level! >= 4));
}

/**
 * End of a free name (two or more characters) that a number follows within NAME_GAP
 * characters, or -1.
 */
function nameBeforeNumber(text: string, at: number): number {
  if (!isHan(text.charCodeAt(at))) return -1;
  for (let k = at; k < text.length && k - at <= NAME_GAP; k++) {
    const c = text.charCodeAt(k);
    if (k > at + 1 && isDigit(c)) return stickyEnd(NUMBERED, text, k) > 0 || stickyEnd(BARE_NUMBER, text, k) > 0 ? k : -1;
    if (!isNameChar(c) || isStopCode(c)) return -1;
  }
  return -1;
}

/** End of the rest of the clause when it is a short name-like run ending at punctuation, else at. */
function clauseTail(text: string, at: number): number {
  let k = at;
  while (k < text.length && k - at <= TAIL_MAX && (isNameChar(text.charCodeAt(k)) || text[k] === '_' || text[k] === '-')) {
    if (isStopCode(text.charCodeAt(k))) return at;
    k++;
  }
  if (k === at || (k < text.length && !CLAUSE_END.test(text[k]!))) return at;
  return TAIL_NOT.test(text.slice(at, k)) ? at : k;
}

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

function isNameChar(c: number): boolean {
  return isHan(c) || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xff10 && c <= 0xff5a);
}

const probe: PlaceHit[] = [];
function hasHitAt(g: Gazetteer, text: string, at: number): boolean {
  if (at >= text.length || !isHan(text.charCodeAt(at))) return false;
  probe.length = 0;
  g.hitsAt(text, at, probe);
  return probe.length > 0;
}
