import type { EntryKind } from './fingerprint.ts';

/**
 * How strongly matched combinations point at the registered child rather than at someone else
 * who shares them (issue 7 item 2: common names must not flood the output).
 *
 * Each combination carries E, the expected number of OTHER people in the country it fits: a common
 * name with a village name hundreds of places share (张伟 + 新村) fits dozens; a rare name with a
 * unique village fits almost nobody. It also carries q, the share of people a clue of its kind
 * lets through (a village: its population over the country's). A post's matches for one child
 * combine as E = min Eᵢ × Π √q over the other kinds of clue (place, school, family) — the square
 * root because clues about one person are not independent — and its score is 1 / (1 + E). An ID
 * number scores 1. A post is a hit when the score reaches the package threshold.
 *
 * The constants are orders of magnitude, not statistics: about 1,500 people per village or school,
 * 40,000 per township, 1.4 × 10⁹ in all; two names near each other are weighed against 10¹⁰ name
 * pairs, because a post never shows that the two are related (a byline lists strangers). A name's
 * frequency comes from the registry, leave-one-out (a child's own entry is no evidence that the
 * name is common), and never below a prior by name length.
 */

const VILLAGE_PEOPLE = 1_500;
const TOWNSHIP_PEOPLE = 40_000;
const SCHOOL_PEOPLE = 1_500;
const POPULATION = 1.4e9;
const NAME_PAIRS = 1e10;
/** Pseudo-count of the prior: registries far larger than this speak for themselves. */
const PRIOR_WEIGHT = 1e5;
const MAX_SCORE = 0.999;

function priorFrequency(length: number): number {
  if (length <= 2) return 5e-5;
  if (length === 3) return 1e-6;
  return 2e-7;
}

/** A name's estimated share of the population from its count among `total` registry names. */
export function nameFrequency(count: number, total: number, length: number): number {
  const prior = priorFrequency(length);
  return Math.max(prior, (Math.max(0, count - 1) + PRIOR_WEIGHT * prior) / (total + PRIOR_WEIGHT));
}

/**
 * A school written without any place in it (实验小学, 第一中学, 中心幼儿园) could be any of thousands;
 * one written with its place (郑墩中心小学, 双源小学) is one school. Decided on the normalised text at
 * derivation; the assembler adds how many counties of the registry write the same school.
 */
const GENERIC_SCHOOL = /^(?:第[一二三四五六七八九十百零\d]+|实验|中心|希望|民族|育才|育英|城关|城南|城北|城东|城西|新华|阳光|光明|红星|向阳|前进|胜利|人民|附属|师范附属|市|县|区|镇|乡)?(?:第[一二三四五六七八九十\d]+)?(?:小学|中学|初级中学|初中|高级中学|高中|完全中学|九年一贯制学校|学校|中心校|中心小学|幼儿园|中心幼儿园|实验小学|实验中学|实验幼儿园|职业中学|特殊教育学校|教学点)$/u;

export const GENERIC_SCHOOL_MULTIPLICITY = 2_000;

export function isGenericSchool(normalised: string): boolean {
  return GENERIC_SCHOOL.test(normalised);
}

export interface ClueInput {
  readonly kind: EntryKind;
  /** Frequencies of the first and (for name_guardian) second name. */
  readonly first: number;
  readonly second?: number;
  /** Places (or schools) written the same way. */
  readonly multiplicity: number;
}

export type ClueGroup = 'id' | 'place' | 'school' | 'family';

export function groupOf(kind: EntryKind): ClueGroup {
  switch (kind) {
    case 'id_number': return 'id';
    case 'name_village':
    case 'name_township': return 'place';
    case 'name_school': return 'school';
    case 'name_guardian':
    case 'guardian_village': return 'family';
  }
}

/** Share of people the clue lets through, (0, 1]. */
export function selectivity(c: ClueInput): number {
  let q: number;
  switch (c.kind) {
    case 'id_number': return 0;
    case 'name_village':
    case 'guardian_village': q = (VILLAGE_PEOPLE * c.multiplicity) / POPULATION; break;
    case 'name_township': q = (TOWNSHIP_PEOPLE * c.multiplicity) / POPULATION; break;
    case 'name_school': q = (SCHOOL_PEOPLE * c.multiplicity) / POPULATION; break;
    case 'name_guardian': q = ((c.second ?? 1) * NAME_PAIRS) / POPULATION; break;
  }
  return Math.min(1, q);
}

/** Expected number of other people the combination fits. */
export function expectedOthers(c: ClueInput): number {
  if (c.kind === 'id_number') return 0;
  return c.first * POPULATION * selectivity(c);
}

// One byte each: log₂ in quarter steps, 128 = 1. E spans 2⁻³² … 2³¹; q ≤ 1 uses 0 … 128.
export function encodeLog2(x: number): number {
  if (!(x > 0)) return 0;
  return Math.max(1, Math.min(255, Math.round(Math.log2(x) * 4) + 128));
}

export function decodeLog2(b: number): number {
  return b === 0 ? 0 : 2 ** ((b - 128) / 4);
}

export interface MatchedClue {
  readonly group: ClueGroup;
  readonly expected: number;
  readonly selectivity: number;
}

export function combinedScore(clues: readonly MatchedClue[]): number {
  if (clues.length === 0) return 0;
  if (clues.some((c) => c.group === 'id')) return 1;
  let best = clues[0]!;
  for (const c of clues) if (c.expected < best.expected) best = c;
  const tightest = new Map<ClueGroup, number>();
  for (const c of clues) if (c.group !== best.group) tightest.set(c.group, Math.min(tightest.get(c.group) ?? 1, c.selectivity));
  let e = best.expected;
  for (const q of tightest.values()) e *= Math.sqrt(q);
  return Math.min(MAX_SCORE, 1 / (1 + e));
}
