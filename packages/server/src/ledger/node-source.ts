// 证明生成只需要“完美子树”的哈希：2^level 个叶子、起点对齐的子树。
// 排序器在追加时把它们存下，证明与任意历史大小的根都能由 O(log n) 个这样的节点拼出。
import type { HashFn } from './hashes.ts';
import { nodeHash } from './merkle-node.ts';

/** 完美子树的坐标：覆盖叶子 [index·2^level, (index+1)·2^level)。level 0 即叶哈希本身。 */
export interface NodeId {
  level: number;
  index: number;
}

/** 按坐标取完美子树哈希。取不到时应抛错，不得返回占位值。 */
export interface NodeSource {
  perfectNode(level: number, index: number): Buffer;
}

/**
 * 把区间 [start, end) 分解为从左到右的完美子树（按 end−start 的二进制位从高到低）。
 * 要求 start 是 2^bitlen(end−start−1) 的倍数——RFC 9162 树中每个（可能不完整的）子树都满足，
 * 这样分解出的每块才与树中真实存在的节点对齐。
 */
export function perfectRangeIds(start: number, end: number): NodeId[] {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`无效的叶子区间 [${start}, ${end})`);
  }
  const ids: NodeId[] = [];
  let width = 1;
  let level = 0;
  while (width * 2 <= end - start) {
    width *= 2;
    level++;
  }
  let pos = start;
  for (; level >= 0; level--, width /= 2) {
    if (end - pos >= width) {
      if (pos % width !== 0) throw new RangeError(`叶子区间 [${start}, ${end}) 未按子树边界对齐`);
      ids.push({ level, index: pos / width });
      pos += width;
    }
  }
  return ids;
}

/** 大小为 size 的树的“紧凑范围”：根由这些完美子树从右向左折叠而成。 */
export function compactRangeIds(size: number): NodeId[] {
  return perfectRangeIds(0, size);
}

/** 把若干左起相邻的子树哈希按 RFC 9162 的左偏结构从右向左折叠成一个根。 */
export function foldRight(h: HashFn, hashes: readonly Buffer[]): Buffer {
  let r = hashes[hashes.length - 1];
  if (!r) throw new RangeError('没有可折叠的子树');
  for (let i = hashes.length - 2; i >= 0; i--) r = nodeHash(h, hashes[i]!, r);
  return r;
}

/** 由全部叶哈希在内存中算出所有完美子树，供测试与小规模离线核验使用。 */
export class MemoryNodeSource implements NodeSource {
  readonly #levels: Buffer[][];

  constructor(h: HashFn, leafHashes: readonly Buffer[]) {
    let level = leafHashes.slice();
    this.#levels = [level];
    while (level.length >= 2) {
      const next: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(h, level[i]!, level[i + 1]!));
      this.#levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.#levels[0]!.length;
  }

  perfectNode(level: number, index: number): Buffer {
    const node = this.#levels[level]?.[index];
    if (!node) throw new RangeError(`完美子树节点不存在：level=${level} index=${index}`);
    return node;
  }
}
