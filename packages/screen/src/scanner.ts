import type { CueFlag } from './cue-lexicon.ts';
import { finish, pairHash, step, testBit } from './fast-hash.ts';
import { ENTRY_KIND_NAMES, EVIDENCE_PARTS, idFingerprint, pairFingerprint, PAIR_NAMES, PAIR_PLACE, type Fingerprint } from './fingerprint.ts';
import { scanIdNumbers } from './id-number-scan.ts';
import { pairPrint } from './pair-index.ts';
import { isHan, TextView } from './normalise.ts';
import { END_BITS, START_BITS } from './package-format.ts';
import type { ScreeningPackage } from './screening-package.ts';
import { combinedScore, decodeLog2, groupOf, type MatchedClue } from './strength.ts';

/**
 * Finds registered children in a post without NER and without the registry (issue 7 item 2):
 *
 * 1. One pass over the normalised text rolls a keyed hash from candidate positions. Windows of
 *    2–15 汉字 (only the lengths the registry holds) whose short tag is in the name set become name candidates; windows read back from a
 *    place-like ending whose prefixes stay in the context set and whose whole tag is there become
 *    place/school candidates. The sets are deliberately collision-prone: most candidates are nobody.
 * 2. Each name candidate's tag leads to a short list of 16-bit prints of registered combinations
 *    (pair-index.ts); each place, school or other name near it is hashed with it and compared
 *    against that list — no allocation, one cache miss per name.
 * 3. Only pairs the filter passes, and ID numbers that pass the GB 11643 check character, are
 *    fingerprinted with HMAC-SM3 and looked up in the sorted fingerprint table.
 * 4. The strengths of a child's matched combinations combine; a post is a hit for that child only
 *    when they reach the package threshold. A name alone is never a combination.
 */

export interface Evidence {
  readonly kind: string;
  /** Code-point offsets in the post, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export interface Hit {
  /** Opaque reference: resolves to a child only inside the platform. */
  readonly child: string;
  readonly evidence: Evidence[];
  readonly flags: CueFlag[];
  readonly score: number;
}

interface ChildMatch {
  readonly entries: Map<number, MatchedClue>;
  readonly evidence: Map<string, Evidence>;
}

/** Windows that passed a pre-filter, in position order; for names, their pair-list range. */
class Candidates {
  pos = new Int32Array(256);
  len = new Int32Array(256);
  id = new Uint32Array(256);
  from = new Uint32Array(256);
  to = new Uint32Array(256);
  count = 0;

  push(pos: number, len: number, id: number, from = 0, to = 0): void {
    if (this.count === this.pos.length) this.grow();
    const k = this.count++;
    this.pos[k] = pos;
    this.len[k] = len;
    this.id[k] = id;
    this.from[k] = from;
    this.to[k] = to;
  }

  /** Insertion sort: contexts are found from their ends, a handful per post. */
  sortByPosition(): void {
    for (let a = 1; a < this.count; a++) {
      const p = this.pos[a]!, l = this.len[a]!, d = this.id[a]!;
      let b = a - 1;
      for (; b >= 0 && this.pos[b]! > p; b--) {
        this.pos[b + 1] = this.pos[b]!;
        this.len[b + 1] = this.len[b]!;
        this.id[b + 1] = this.id[b]!;
      }
      this.pos[b + 1] = p;
      this.len[b + 1] = l;
      this.id[b + 1] = d;
    }
  }

  private grow(): void {
    const n = this.pos.length * 2;
    const grown = <T extends Int32Array | Uint32Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.pos = grown(this.pos, new Int32Array(n));
    this.len = grown(this.len, new Int32Array(n));
    this.id = grown(this.id, new Uint32Array(n));
    this.from = grown(this.from, new Uint32Array(n));
    this.to = grown(this.to, new Uint32Array(n));
  }
}

export interface ScanStats {
  posts: number;
  chars: number;
  nameCandidates: number;
  contextCandidates: number;
  pairProbes: number;
  hmacs: number;
}

export class Scanner {
  private readonly view = new TextView();
  private readonly names = new Candidates();
  private readonly contexts = new Candidates();
  private matches = new Map<number, ChildMatch>();
  private confirmed = new Set<string>();
  readonly stats: ScanStats = { posts: 0, chars: 0, nameCandidates: 0, contextCandidates: 0, pairProbes: 0, hmacs: 0 };

  constructor(readonly pkg: ScreeningPackage) {}

  scan(text: string): Hit[] {
    const v = this.view.load(text);
    this.matches = new Map();
    this.confirmed.clear();
    this.stats.posts++;
    this.stats.chars += v.sourceLength;
    this.collectCandidates();
    this.probePairs();
    scanIdNumbers(v.codes, v.length, (start, id) => this.confirmId(start, id));
    return this.matches.size ? this.hits() : [];
  }

  /**
   * One pass: names forwards from where a name can start (a registered first character's tag),
   * places and schools backwards from where one can end (a registered last character's tag: 村,
   * 镇, 区, 学 …), extending while the prefix tags stay set. Both start/end sets are 8 KiB and stay
   * in cache; the large name and context sets are touched only at those positions.
   */
  private collectCandidates(): void {
    const { codes, length } = this.view;
    const h0 = this.pkg.header, k = this.pkg.keys, pkg = this.pkg;
    const nameSet = pkg.nameSet, startSet = pkg.startSet, contextSet = pkg.contextSet, endSet = pkg.endSet;
    const nameShift = 32 - h0.nameBits, contextShift = 32 - h0.contextBits, startShift = 32 - START_BITS, endShift = 32 - END_BITS;
    const nameMax = h0.nameMax, contextMax = h0.contextMax, lengthMask = h0.nameLengthMask;
    const seed = k.chainSeed, nameSalt = k.nameSalt, prefixSalt = k.prefixSalt, termSalt = k.termSalt, idSalt = k.idSalt;
    const startSalt = k.startSalt, endSalt = k.endSalt;
    const names = this.names, contexts = this.contexts, pairs = pkg.pairs, offsets = pairs.offsets;
    // tagOf(), inlined: this loop runs at every position of every post.
    const M = 0x9e3779b1;
    names.count = 0;
    contexts.count = 0;
    for (let i = 0; i < length; i++) {
      const c0 = codes[i]!;
      const h1 = step(seed, c0);
      if (nameMax >= 2 && isHan(c0) && testBit(startSet, Math.imul(h1 ^ startSalt, M) >>> startShift)) {
        let h = h1;
        const end = Math.min(length, i + nameMax);
        for (let j = i + 1; j < end; j++) {
          const cj = codes[j]!;
          if (!isHan(cj)) break;
          h = step(h, cj);
          const len = j - i + 1;
          if (!((lengthMask >>> len) & 1)) continue;
          const tag = Math.imul(h ^ nameSalt, M) >>> nameShift;
          if (testBit(nameSet, tag)) {
            const r = pairs.rank(tag);
            names.push(i, len, finish(h, len, idSalt), offsets[r]!, offsets[r + 1]!);
          }
        }
      }
      if (contextMax >= 2 && testBit(endSet, Math.imul(h1 ^ endSalt, M) >>> endShift)) {
        let h = h1;
        const stop = Math.max(0, i - contextMax + 1);
        for (let s = i - 1; s >= stop; s--) {
          h = step(h, codes[s]!);
          const len = i - s + 1;
          if (!testBit(contextSet, Math.imul(h ^ prefixSalt, M) >>> contextShift)) break;
          if (testBit(contextSet, Math.imul(h ^ termSalt, M) >>> contextShift)) contexts.push(s, len, finish(h, len, idSalt));
        }
      }
    }
    contexts.sortByPosition();
    this.stats.nameCandidates += names.count;
    this.stats.contextCandidates += contexts.count;
  }

  private probePairs(): void {
    const window = this.pkg.header.pairWindow, nameWindow = this.pkg.header.nameWindow;
    const pairs = this.pkg.pairs, seed = this.pkg.keys.pairSeed;
    const { pos: nPos, len: nLen, id: nId, from: nFrom, to: nTo, count: nCount } = this.names;
    const { pos: cPos, len: cLen, id: cId, count: cCount } = this.contexts;
    let probes = 0, cStart = 0;
    for (let a = 0; a < nCount; a++) {
      const from = nFrom[a]!, to = nTo[a]!;
      const ap = nPos[a]!, ae = ap + nLen[a]!, ida = nId[a]!;
      while (cStart < cCount && cPos[cStart]! < ap - window) cStart++;
      if (from === to) continue;
      // With places and schools (both lists are in position order).
      for (let c = cStart; c < cCount; c++) {
        const cp = cPos[c]!;
        if (cp > ap + window) break;
        if (cp < ae && ap < cp + cLen[c]!) continue;
        probes++;
        if (pairs.has(from, to, pairPrint(pairHash(ida, cId[c]!, PAIR_PLACE, seed)))) this.confirmPair(PAIR_PLACE, a, c);
      }
      // With the names after it (child and guardian are filed under both names' tags).
      for (let b = a + 1; b < nCount && nPos[b]! <= ap + nameWindow; b++) {
        if (nPos[b]! < ae) continue;
        probes++;
        if (pairs.has(from, to, pairPrint(pairHash(ida, nId[b]!, PAIR_NAMES, seed)))) this.confirmPair(PAIR_NAMES, a, b);
      }
    }
    this.stats.pairProbes += probes;
  }

  /** An ordered pair the pair index passed: HMAC-SM3 decides. */
  private confirmPair(type: number, first: number, second: number): void {
    const v = this.view, names = this.names, other = type === PAIR_NAMES ? this.names : this.contexts;
    const aStart = names.pos[first]!, aEnd = aStart + names.len[first]!;
    const bStart = other.pos[second]!, bEnd = bStart + other.len[second]!;
    const a = v.slice(aStart, aEnd), b = v.slice(bStart, bEnd);
    const key = `${type}\u0000${a}\u0000${b}`;
    if (this.confirmed.has(key)) return;
    this.confirmed.add(key);
    this.stats.hmacs++;
    this.record(pairFingerprint(this.pkg.keys.fingerprintKey, type, a, b), [[aStart, aEnd], [bStart, bEnd]]);
    // Which of two names is the child's the text does not say: the other order too.
    if (type === PAIR_NAMES) {
      this.stats.hmacs++;
      this.record(pairFingerprint(this.pkg.keys.fingerprintKey, type, b, a), [[bStart, bEnd], [aStart, aEnd]]);
    }
  }

  private confirmId(start: number, id: string): void {
    if (this.confirmed.has(id)) return;
    this.confirmed.add(id);
    this.stats.hmacs++;
    this.record(idFingerprint(this.pkg.keys.fingerprintKey, id), [[start, start + 18]]);
  }

  private record(fp: Fingerprint, spans: Array<[number, number]>): void {
    const t = this.pkg.table;
    for (const i of t.find(fp.hi, fp.lo)) {
      const child = t.columns.child[i]!;
      const kind = ENTRY_KIND_NAMES[t.columns.kind[i]!];
      if (!kind) continue;
      let m = this.matches.get(child);
      if (!m) this.matches.set(child, (m = { entries: new Map(), evidence: new Map() }));
      m.entries.set(i, { group: groupOf(kind), expected: decodeLog2(t.columns.expected[i]!), selectivity: decodeLog2(t.columns.selectivity[i]!) });
      EVIDENCE_PARTS[kind].forEach((part, k) => {
        const span = this.view.sourceSpan(spans[k]![0], spans[k]![1]);
        m.evidence.set(`${part}:${span.start}:${span.end}`, { kind: part, start: span.start, end: span.end });
      });
    }
  }

  private hits(): Hit[] {
    const out: Hit[] = [];
    let flags: CueFlag[] | undefined;
    for (const [child, m] of this.matches) {
      const score = combinedScore([...m.entries.values()]);
      if (score < this.pkg.header.threshold) continue;
      flags ??= this.pkg.cues.flags(this.view.codes, this.view.length);
      const evidence = [...m.evidence.values()].sort((x, y) => x.start - y.start || x.end - y.end || x.kind.localeCompare(y.kind));
      out.push({ child: this.pkg.refOf(child), evidence, flags, score: Math.round(score * 1000) / 1000 });
    }
    return out.sort((x, y) => y.score - x.score || x.child.localeCompare(y.child));
  }
}
