/**
 * Queries over the parsed table. Entries are built on demand, so holding the tree costs typed
 * arrays plus one string per name; the name index for findByName is built on first use only,
 * because ID validation and jurisdiction pickers never need it.
 */
// Deep import: core's index does not re-export regions yet; switch to '@hutong/core' once it does.
import { normaliseRegionCode, type RegionLevel } from '@hutong/core';
import { NameIndex } from './name-index.ts';
import { findIndex, parseDivisions, type DivisionTable } from './table.ts';

export interface Division {
  /** 12-digit statistical code. */
  readonly code: string;
  /** Primary level (the shallowest one, as regionLevel reads the code). */
  readonly level: RegionLevel;
  /** Official name as published (e.g. 多福巷社区居委会). */
  readonly name: string;
  /** Derived place form of a township/village name (多福巷社区), when it differs. */
  readonly shortName?: string;
  /** JioNLP's short alias for provinces, cities and counties (上海, 嘉定). */
  readonly alias?: string;
  /** null for provinces. */
  readonly parentCode: string | null;
  /** 市辖区/县/省直辖县级行政区划: a statistical grouping rather than a place. */
  readonly placeholder?: true;
  /** Further levels the same unit occupies: 东莞市 is 地级 and 县级, so [3]. */
  readonly alsoLevels?: readonly RegionLevel[];
}

/**
 * The whole country: the server's jurisdiction code for national users. children(ROOT_CODE) lists
 * the provinces and findByName within it searches everything; it is not itself a unit, so get()
 * and path() know nothing about it.
 */
export const ROOT_CODE = '000000000000';

export interface FindByNameOptions {
  /** Only results inside this region (any accepted code form, inclusive). */
  readonly within?: string;
  /** Only units occupying this level. */
  readonly level?: RegionLevel;
  /** At most this many results, in code order. */
  readonly limit?: number;
}

export interface NamesIterOptions {
  /** 市辖区/县 would match everywhere in free text, so the gazetteer gets them only on request. */
  readonly includePlaceholders?: boolean;
}

/**
 * Read-only, allocation-free view of every unit (placeholders included) by index 0 … size-1 in
 * code order, for bulk builders such as the redaction gazetteer: namesIter's Division objects
 * (665k of them, with their code strings) dominate such a build. The arrays are the tree's own
 * storage: never write to them.
 */
export interface RawUnits {
  readonly size: number;
  /** 12-digit codes as numbers, ascending (a subtree is a contiguous index run). */
  readonly codes: Float64Array;
  /** Index of the parent unit, -1 for provinces. */
  readonly parent: Int32Array;
  /** Bit (1 << level) for every level the unit occupies; the lowest is its primary level. */
  readonly levelMask: Uint8Array;
  /** Official names. */
  readonly names: readonly string[];
  /** Non-zero for 市辖区/县/省直辖县级行政区划 groupings (Division.placeholder). */
  readonly placeholder: Uint8Array;
  /** Division.shortName of unit i. */
  shortName(i: number): string | undefined;
  /** Division.alias of unit i. */
  alias(i: number): string | undefined;
}

export class DivisionTree {
  private nameIndex: NameIndex | undefined;

  constructor(private readonly t: DivisionTable) {}

  static fromGzip(gz: Uint8Array): DivisionTree {
    return new DivisionTree(parseDivisions(gz));
  }

  /** Distinct units (rows sharing a code count once). */
  get size(): number {
    return this.t.size;
  }

  /** Throws the Chinese validation error for malformed codes; -1 for unknown ones and the root. */
  private find(code: string): number {
    if (code === ROOT_CODE) return -1;
    return findIndex(this.t.codes, this.t.size, Number(normaliseRegionCode(code)));
  }

  private shortAt(i: number): string | undefined {
    const keep = this.t.shortKeep[i]!;
    return keep === 0 ? undefined : this.t.names[i]!.slice(0, keep) + this.t.tails[this.t.shortTail[i]!]!;
  }

  private entry(i: number): Division {
    const mask = this.t.levelMask[i]!;
    const levels: RegionLevel[] = [];
    for (let l = 1; l <= 5; l++) if (mask & (1 << l)) levels.push(l as RegionLevel);
    const p = this.t.parent[i]!;
    const e: { -readonly [K in keyof Division]: Division[K] } = {
      code: String(this.t.codes[i]),
      level: levels[0]!,
      name: this.t.names[i]!,
      parentCode: p < 0 ? null : String(this.t.codes[p]),
    };
    const short = this.shortAt(i);
    if (short !== undefined) e.shortName = short;
    const alias = this.t.aliases.get(i);
    if (alias !== undefined) e.alias = alias;
    if (this.t.placeholder[i]) e.placeholder = true;
    if (levels.length > 1) e.alsoLevels = levels.slice(1);
    return e;
  }

  /** The unit with this code (2/4/6/9/12-digit forms), or undefined. */
  get(code: string): Division | undefined {
    const i = this.find(code);
    return i < 0 ? undefined : this.entry(i);
  }

  /** Direct children in code order (provinces for ROOT_CODE); [] for unknown codes and villages. */
  children(code: string): Division[] {
    let start = 0, end = this.t.size;
    if (code !== ROOT_CODE) {
      const i = this.find(code);
      if (i < 0) return [];
      start = i + 1;
      end = this.t.subtreeEnd[i]!;
    }
    const out: Division[] = [];
    for (let j = start; j < end; j = this.t.subtreeEnd[j]!) out.push(this.entry(j));
    return out;
  }

  /** Whether the unit has any child, without building them (tree pickers ask for every row). */
  hasChildren(code: string): boolean {
    if (code === ROOT_CODE) return this.t.size > 0;
    const i = this.find(code);
    return i >= 0 && this.t.subtreeEnd[i]! > i + 1;
  }

  /** Province first, the unit itself last; includes placeholders such as 市辖区. [] if unknown. */
  path(code: string): Division[] {
    const out: Division[] = [];
    for (let i = this.find(code); i >= 0; i = this.t.parent[i]!) out.push(this.entry(i));
    return out.reverse();
  }

  /**
   * The name as written on forms: 福建省福州市鼓楼区鼓东街道… Intermediate placeholders are left
   * out (北京市东城区, not 北京市市辖区东城区); undefined for unknown codes.
   */
  fullName(code: string): string | undefined {
    const path = this.path(code);
    if (path.length === 0) return undefined;
    const parts: string[] = [];
    path.forEach((d, k) => {
      if (d.placeholder && k < path.length - 1) return;
      if (parts[parts.length - 1] !== d.name) parts.push(d.name);
    });
    return parts.join('');
  }

  /**
   * Exact match on official name, short name or alias (after trimming). Placeholders are not
   * indexed. Results are in code order; an unknown `within` region yields [].
   */
  findByName(name: string, opts: FindByNameOptions = {}): Division[] {
    const key = name.trim();
    if (!key) return [];
    const limit = opts.limit ?? Infinity;
    if (!(limit > 0)) return [];
    let lo = 0, hi = this.t.size;
    if (opts.within !== undefined && opts.within !== ROOT_CODE) {
      lo = this.find(opts.within);
      if (lo < 0) return [];
      hi = this.t.subtreeEnd[lo]!;
    }
    const bit = opts.level === undefined ? 0x3e : 1 << opts.level;
    const out: Division[] = [];
    for (const i of this.index().candidates(key)) {
      if (i < lo || i >= hi || !(this.t.levelMask[i]! & bit)) continue;
      if (!this.keysOf(i).includes(key)) continue; // a hash collision, not a match
      out.push(this.entry(i));
      if (out.length >= limit) break;
    }
    return out;
  }

  private keysOf(i: number): (string | undefined)[] {
    if (this.t.placeholder[i]) return [];
    return [this.t.names[i], this.shortAt(i), this.t.aliases.get(i)];
  }

  private index(): NameIndex {
    this.nameIndex ??= NameIndex.build(this.t.size, (i) => this.keysOf(i));
    return this.nameIndex;
  }

  /**
   * For 身份证号 validation: whether a 6-digit address code names a current county-level unit,
   * or a city/province code (350100, 350000) as older numbers carry. Never throws.
   */
  existsCounty(code6: string): boolean {
    if (typeof code6 !== 'string' || !/^\d{6}$/u.test(code6) || code6.startsWith('00')) return false;
    return findIndex(this.t.codes, this.t.size, Number(`${code6}000000`)) >= 0;
  }

  /** The county-level unit containing (or being) this code; undefined above county level. */
  countyOf(code: string): Division | undefined {
    for (let i = this.find(code); i >= 0; i = this.t.parent[i]!) {
      if (this.t.levelMask[i]! & (1 << 3)) return this.entry(i);
    }
    return undefined;
  }

  /** Every unit in code order, for building gazetteers. */
  *namesIter(opts: NamesIterOptions = {}): Generator<Division> {
    for (let i = 0; i < this.t.size; i++) {
      if (this.t.placeholder[i] && !opts.includePlaceholders) continue;
      yield this.entry(i);
    }
  }

  /** Every unit as raw arrays (see RawUnits): what namesIter yields, without an object per unit. */
  rawUnits(): RawUnits {
    const t = this.t;
    return {
      size: t.size, codes: t.codes, parent: t.parent, levelMask: t.levelMask, names: t.names, placeholder: t.placeholder,
      shortName: (i) => this.shortAt(i),
      alias: (i) => t.aliases.get(i),
    };
  }

  /** Units per level, counting a multi-level unit at each level: equals the published row counts. */
  countByLevel(): Record<RegionLevel, number> {
    const counts: Record<RegionLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    for (let i = 0; i < this.t.size; i++) {
      const mask = this.t.levelMask[i]!;
      for (let l = 1; l <= 5; l++) if (mask & (1 << l)) counts[l as RegionLevel]++;
    }
    return counts;
  }
}
