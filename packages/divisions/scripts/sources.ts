/**
 * Readers for the upstream files (build time only; the product never reads ../shared).
 * modood/Administrative-divisions-of-China CSVs: quoted names, codes of 2/4/6/9/12 digits, one
 * parent-code column per ancestor. JioNLP china_location.txt: a tab-indented tree whose first
 * three depths carry "name<TAB>code6<TAB>alias"; deeper lines are bare names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceRow {
  readonly level: 1 | 2 | 3 | 4 | 5;
  /** As written upstream (2/4/6/9/12 digits). */
  readonly code: string;
  readonly name: string;
  /** The direct parent's code as written upstream, or '' for provinces. */
  readonly parent: string;
}

/** Minimal RFC 4180 field splitter: enough for these files, and it fails loudly on surprises. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`CSV 引号未闭合：${line}`);
        v += line.slice(i, q);
        if (line[q + 1] === '"') { v += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      out.push(v);
      if (i < line.length && line[i] !== ',') throw new Error(`CSV 格式错误：${line}`);
      i++;
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** File, expected header, and which column holds the direct parent, per level. */
const FILES = [
  { level: 1, file: 'provinces.csv', header: 'code,name', parentCol: -1 },
  { level: 2, file: 'cities.csv', header: 'code,name,provinceCode', parentCol: 2 },
  { level: 3, file: 'areas.csv', header: 'code,name,cityCode,provinceCode', parentCol: 2 },
  { level: 4, file: 'streets.csv', header: 'code,name,areaCode,provinceCode,cityCode', parentCol: 2 },
  { level: 5, file: 'villages.csv', header: 'code,name,streetCode,provinceCode,cityCode,areaCode', parentCol: 2 },
] as const;

const CODE_LENGTHS = [2, 4, 6, 9, 12];

export function readDivisionCsvs(dir: string): { rows: SourceRow[]; perFile: number[] } {
  const rows: SourceRow[] = [];
  const perFile: number[] = [];
  for (const f of FILES) {
    const lines = readFileSync(join(dir, f.file), 'utf8').replace(/^\uFEFF/u, '').split(/\r?\n/u);
    if (lines[0] !== f.header) throw new Error(`${f.file} 表头不符：${lines[0]}`);
    let n = 0;
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      const cols = splitCsvLine(line);
      const code = cols[0]!, name = cols[1]!.trim();
      const parent = f.parentCol < 0 ? '' : cols[f.parentCol]!;
      if (code.length !== CODE_LENGTHS[f.level - 1] || !/^\d+$/u.test(code)) throw new Error(`${f.file} 代码长度不符：${line}`);
      if (!name || /[\t\n\r]/u.test(name)) throw new Error(`${f.file} 名称为空或含制表符：${line}`);
      if (parent && !code.startsWith(parent)) throw new Error(`${f.file} 上级代码不是本级前缀：${line}`);
      rows.push({ level: f.level, code, name, parent });
      n++;
    }
    perFile.push(n);
  }
  return { rows, perFile };
}

export interface JioNlpTree {
  /** code6 → [{name, alias}] for depths 0–2 (JioNLP repeats municipalities at depth 1). */
  readonly aliases: Map<string, { name: string; alias: string }[]>;
  /** "county code6|township name" → village names, to measure our short forms against JioNLP's. */
  readonly villages: Map<string, Set<string>>;
}

export function readJioNlp(file: string): JioNlpTree {
  const aliases = new Map<string, { name: string; alias: string }[]>();
  const villages = new Map<string, Set<string>>();
  let county: string | undefined, town = '';
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/u)) {
    if (!line.trim()) continue;
    let depth = 0;
    while (line[depth] === '\t') depth++;
    const f = line.slice(depth).split('\t');
    if (depth <= 2 && f.length === 3 && /^\d{6}$/u.test(f[1]!)) {
      const list = aliases.get(f[1]!) ?? [];
      list.push({ name: f[0]!, alias: f[2]! });
      aliases.set(f[1]!, list);
    }
    if (depth === 2) county = f.length === 3 ? f[1] : undefined;
    else if (depth === 3) town = f[0]!;
    else if (depth === 4 && county) {
      const key = `${county}|${town}`;
      const set = villages.get(key) ?? new Set<string>();
      set.add(f[0]!);
      villages.set(key, set);
    }
  }
  return { aliases, villages };
}

/**
 * JioNLP's tree is older than the 2023 codes, so a code may since have been reused or renamed.
 * Take its alias only when the names agree or the alias is visibly part of our name
 * (西沙区/西沙 for 西沙群岛), never for a different unit that happens to share the code.
 */
export function pickAlias(tree: JioNlpTree, code6: string, name: string): string | undefined {
  const candidates = tree.aliases.get(code6) ?? [];
  const hit = candidates.find((c) => c.name === name) ?? candidates.find((c) => c.alias.length >= 2 && name.includes(c.alias));
  if (!hit || hit.alias === name || !hit.alias || GENERIC_ALIASES.has(hit.alias)) return undefined;
  return hit.alias;
}

/**
 * JioNLP abbreviates development zones to their type (46 units are "经开区", 24 "高新区"). Those
 * name no place: as aliases they would make findByName noisy and the redaction gazetteer flag
 * ordinary words, so they are dropped. Distinctive ones (汽开区, 白沟新城) are kept.
 */
export const GENERIC_ALIASES = new Set(['经开区', '高新区', '管理区', '示范区', '新区', '化工园区', '产业园', '工业园', '物流区', '文旅区']);
