// Synthetic registry for the screening benchmark: made-up children with made-up names (surnames
// by their published frequency, given-name characters from a public name-character list), real
// village and township names from packages/divisions, invented schools and guardians, and ID
// numbers composed with valid check digits. No real person is drawn from anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { composeIdNumber } from '../packages/core/src/index.ts';
import { getDivisions } from '../packages/divisions/src/index.ts';
import type { ChildCombinations, PlaceForm } from '../packages/screen/src/index.ts';

export interface SyntheticChild extends ChildCombinations {
  readonly name: string;
  readonly village: string;
  readonly township: string;
  readonly school: string;
  readonly guardian: string;
  readonly idNumber: string;
}

/** Deterministic PRNG (mulberry32): the same seed builds the same registry. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted choice by cumulative weights (binary search). */
function picker<T>(items: readonly T[], weights: readonly number[], r: () => number): () => T {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) cum.push((s += w));
  return () => {
    const x = r() * s;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

function quoted(js: string, variable: string): string[] {
  const m = new RegExp(`var ${variable} = \\[([^\\]]*)\\]`, 'u').exec(js);
  return m ? [...m[1]!.matchAll(/'([^']+)'/gu)].map((x) => x[1]!) : [];
}

export function nameSampler(dataDir: string, r: () => number): () => string {
  const surnameRows = fs.readFileSync(path.join(dataDir, 'lexicon/surnames.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')).filter((x) => x[0] && Number(x[1]) > 0);
  const surname = picker(surnameRows.map((x) => x[0]!), surnameRows.map((x) => Number(x[1])), r);
  const js = fs.readFileSync(path.join(dataDir, 'lexicon/chs_names.js'), 'utf8');
  // Earlier characters in the list are the common ones: Zipf-like weights by rank.
  const zipf = (xs: string[]) => picker(xs, xs.map((_, i) => 1 / (i + 8)), r);
  const single = zipf(quoted(js, 'SINGLE_NAME')), first = zipf(quoted(js, 'DOUBLE_NAME_1')), second = zipf(quoted(js, 'DOUBLE_NAME_2'));
  return () => surname() + (r() < 0.3 ? single() : first() + second());
}

interface Unit { code: string; form: string; parent: number }

/** Villages and townships with the written form people use and how many places share it. */
function places(): { villages: Unit[]; townships: Unit[]; multiplicity: Map<string, number> } {
  const raw = getDivisions().rawUnits();
  const villages: Unit[] = [], townships: Unit[] = [];
  const townshipIndex = new Map<number, number>();
  const multiplicity = new Map<string, number>();
  for (let i = 0; i < raw.size; i++) {
    const mask = raw.levelMask[i]!;
    if (raw.placeholder[i]) continue;
    const form = raw.shortName(i) ?? raw.names[i]!;
    const code = String(raw.codes[i]).padStart(12, '0');
    if (mask & (1 << 4)) {
      townshipIndex.set(i, townships.length);
      townships.push({ code, form, parent: i });
      multiplicity.set(`t:${form}`, (multiplicity.get(`t:${form}`) ?? 0) + 1);
    } else if (mask & (1 << 5)) {
      villages.push({ code, form, parent: townshipIndex.get(raw.parent[i]!) ?? -1 });
      multiplicity.set(`v:${form}`, (multiplicity.get(`v:${form}`) ?? 0) + 1);
    }
  }
  return { villages: villages.filter((v) => v.parent >= 0), townships, multiplicity };
}

const SCHOOL_KINDS = ['中心小学', '小学', '中学', '中心校', '初级中学', '幼儿园'];

export function* syntheticRegistry(n: number, dataDir: string, seed = 7): Generator<SyntheticChild> {
  const r = rng(seed);
  const name = nameSampler(dataDir, r);
  const { villages, townships, multiplicity } = places();
  for (let i = 0; i < n; i++) {
    const v = villages[Math.floor(r() * villages.length)]!;
    const t = townships[v.parent]!;
    const county = v.code.slice(0, 6);
    const childName = name();
    const stem = t.form.replace(/(街道|镇|乡)$/u, '');
    const kind = r();
    const school = kind < 0.5 ? `${stem}${SCHOOL_KINDS[Math.floor(r() * 3)]}` : kind < 0.8 ? `${v.form.replace(/(村|社区)$/u, '')}小学` : `${stem}第${'一二三'[Math.floor(r() * 3)]}中学`;
    const guardian = r() < 0.5 ? childName[0] + name().slice(1) : name();
    const y = 2008 + Math.floor(r() * 16), m = 1 + Math.floor(r() * 12), d = 1 + Math.floor(r() * 28);
    const birth = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const idNumber = composeIdNumber(county, birth, Math.floor(r() * 999), r() < 0.5 ? 'male' : 'female');
    const villageForm: PlaceForm = { text: v.form, multiplicity: multiplicity.get(`v:${v.form}`) ?? 1 };
    const townshipForm: PlaceForm = { text: t.form, multiplicity: multiplicity.get(`t:${t.form}`) ?? 1 };
    yield {
      name: childName, village: v.form, township: t.form, school, guardian, idNumber,
      idNumbers: [idNumber], names: [childName], guardians: [guardian], villages: [villageForm], townships: [townshipForm], schools: [school], county,
    };
  }
}
