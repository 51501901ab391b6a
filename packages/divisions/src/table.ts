/**
 * Parses data/divisions.tsv.gz into parallel typed arrays. 660k rows as objects would cost several
 * hundred MB and seconds of GC; here a node is an index, codes are doubles (12 digits < 2^53) in
 * code order, and the only per-node heap objects are the official names.
 *
 * Because the codes are sorted, every subtree is one contiguous run of indices (pre-order), so
 * "within", children and counts need no per-node child lists: subtreeEnd[i] closes node i's run.
 * Rows sharing a code (东莞市 as 地级 and 县级; 金门县 at 县/乡/村 level) merge into one node whose
 * level mask has several bits, so walking the tree by code never loops.
 */
import { gunzipSync } from 'node:zlib';
import { FORMAT_MAGIC, isPlaceholderName } from './format.ts';

export interface DivisionTable {
  readonly size: number;
  readonly codes: Float64Array;
  /** Bit (1 << level) for every level the node occupies; the lowest bit is its primary level. */
  readonly levelMask: Uint8Array;
  readonly parent: Int32Array;
  readonly subtreeEnd: Int32Array;
  readonly names: string[];
  /** Short name = names[i].slice(0, shortKeep[i]) + tails[shortTail[i]]; shortKeep 0 = none. */
  readonly shortKeep: Uint8Array;
  readonly shortTail: Uint8Array;
  readonly tails: string[];
  readonly aliases: Map<number, string>;
  readonly placeholder: Uint8Array;
  /** Rows per level as stored (a merged node counts once per level it occupies). */
  readonly rowCounts: number[];
}

const TAB = 9, NL = 10, ZERO = 48;
/** Size of the segment a level adds to the code, as a power of ten of the padding below it. */
const PARENT_MOD = [0, 0, 1e10, 1e8, 1e6, 1e3];

function fail(why: string, line: number): never {
  throw new Error(`区划数据文件损坏（第 ${line} 行）：${why}`);
}

export function parseDivisions(gz: Uint8Array): DivisionTable {
  const buf = gunzipSync(gz);
  let pos = buf.indexOf(NL);
  const header = buf.toString('utf8', 0, pos).split('\t');
  if (header[0] !== FORMAT_MAGIC) fail(`文件头应为 ${FORMAT_MAGIC}`, 1);
  const declared = (header.find((h) => h.startsWith('counts=')) ?? '').slice(7).split(',').map(Number);
  const capacity = declared.reduce((a, b) => a + b, 0);
  if (declared.length !== 5 || !(capacity > 0)) fail('缺少 counts=', 1);
  pos++;

  const codes = new Float64Array(capacity), levelMask = new Uint8Array(capacity);
  const parent = new Int32Array(capacity), shortKeep = new Uint8Array(capacity), shortTail = new Uint8Array(capacity);
  const placeholder = new Uint8Array(capacity);
  const names: string[] = new Array<string>(capacity);
  const aliases = new Map<number, string>();
  const tails = [''], tailIds = new Map<string, number>([['', 0]]);
  const rowCounts = [0, 0, 0, 0, 0];
  let n = 0, line = 1, lastParent = -1;

  /** End of the field starting at p (index of the next tab or newline). */
  const fieldEnd = (p: number): number => {
    while (p < buf.length && buf[p] !== TAB && buf[p] !== NL) p++;
    return p;
  };

  while (pos < buf.length) {
    line++;
    let code = 0;
    for (let k = 0; k < 12; k++) code = code * 10 + (buf[pos + k]! - ZERO);
    if (buf[pos + 12] !== TAB || !(code >= 1e11)) fail('代码应为 12 位数字', line);
    let p = pos + 13;
    const parentEnd = fieldEnd(p);
    let parentCode = -1;
    if (parentEnd > p) {
      parentCode = 0;
      for (let k = p; k < parentEnd; k++) parentCode = parentCode * 10 + (buf[k]! - ZERO);
    }
    p = parentEnd + 1;
    const level = buf[p]! - ZERO;
    if (level < 1 || level > 5 || buf[p + 1] !== TAB) fail('级别应为 1–5', line);
    p += 2;
    const nameEnd = fieldEnd(p);
    const name = buf.toString('utf8', p, nameEnd);
    let end = nameEnd, keep = 0, tail = 0, alias: string | undefined;
    if (buf[end] === TAB) {
      const shortEnd = fieldEnd(end + 1);
      let q = end + 1;
      while (q < shortEnd && buf[q]! >= ZERO && buf[q]! <= ZERO + 9) keep = keep * 10 + (buf[q++]! - ZERO);
      if (q < shortEnd) {
        const t = buf.toString('utf8', q, shortEnd);
        tail = tailIds.get(t) ?? tails.push(t) - 1;
        tailIds.set(t, tail);
      }
      end = shortEnd;
      if (buf[end] === TAB) {
        const aliasEnd = fieldEnd(end + 1);
        alias = buf.toString('utf8', end + 1, aliasEnd);
        end = aliasEnd;
      }
    }
    if (keep > 255 || tails.length > 256) fail('简称编码超出范围', line);
    rowCounts[level - 1]!++;
    pos = end + 1;

    if (n > 0 && codes[n - 1] === code) {
      // Same unit listed again one level down: record the level, keep the first row's names.
      levelMask[n - 1]! |= 1 << level;
      if (alias && !aliases.has(n - 1)) aliases.set(n - 1, alias);
      continue;
    }
    if (n > 0 && code < codes[n - 1]!) fail('行未按代码排序', line);
    const want = parentCode >= 0 ? parentCode : level === 1 ? -1 : code - (code % PARENT_MOD[level]!);
    let pi = -1;
    if (want >= 0) {
      pi = lastParent >= 0 && codes[lastParent] === want ? lastParent : findIndex(codes, n, want);
      if (pi < 0) fail(`上级 ${want} 不存在`, line);
      lastParent = pi;
    }
    codes[n] = code;
    levelMask[n] = 1 << level;
    parent[n] = pi;
    names[n] = name;
    shortKeep[n] = keep;
    shortTail[n] = tail;
    placeholder[n] = isPlaceholderName(level, name) ? 1 : 0;
    if (alias) aliases.set(n, alias);
    n++;
  }
  for (let l = 0; l < 5; l++) {
    if (rowCounts[l] !== declared[l]) fail(`第 ${l + 1} 级应有 ${declared[l]} 行，实有 ${rowCounts[l]} 行`, line);
  }

  const subtreeEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) subtreeEnd[i] = i + 1;
  // Reverse pre-order visits every descendant before its ancestor, so ends propagate upwards.
  for (let i = n - 1; i > 0; i--) {
    const pi = parent[i]!;
    if (pi >= 0 && subtreeEnd[i]! > subtreeEnd[pi]!) subtreeEnd[pi] = subtreeEnd[i]!;
  }
  names.length = n;
  // subarray, not slice: capacity exceeds n only by the few merged rows, so copying buys nothing.
  return {
    size: n, codes: codes.subarray(0, n), levelMask: levelMask.subarray(0, n), parent: parent.subarray(0, n), subtreeEnd,
    names, shortKeep: shortKeep.subarray(0, n), shortTail: shortTail.subarray(0, n), tails, aliases,
    placeholder: placeholder.subarray(0, n), rowCounts,
  };
}

/** Binary search over the first `n` sorted codes; -1 when absent. */
export function findIndex(codes: Float64Array, n: number, code: number): number {
  let lo = 0, hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = codes[mid]!;
    if (v === code) return mid;
    if (v < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
