// 由完美子树生成 RFC 9162 §2.1.3.1 包含证明与 §2.1.4.1 一致性证明。
// 递归定义里需要的每个子树哈希，要么本身是完美子树（查 1 次），
// 要么是贴着树右边缘的不完整子树（由至多 log n 个完美子树折叠），总查询 O(log² n)。
import type { HashFn } from './hashes.ts';
import { emptyRoot, splitPoint } from './merkle-node.ts';
import { compactRangeIds, foldRight, perfectRangeIds, type NodeId, type NodeSource } from './node-source.ts';

function checkSize(name: string, x: number): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${name} 必须是非负安全整数：${x}`);
}

/** MTH(D[start:end])，start 须按子树边界对齐（见 perfectRangeIds）。 */
export function rangeRoot(h: HashFn, src: NodeSource, start: number, end: number): Buffer {
  if (end <= start) throw new RangeError(`空区间 [${start}, ${end}) 没有子树哈希`);
  return foldRight(
    h,
    perfectRangeIds(start, end).map(({ level, index }) => src.perfectNode(level, index)),
  );
}

/** 大小为 size 的历史树根：用于核对检查点或回答“第 size 条时的根是什么”。 */
export function rootAt(h: HashFn, src: NodeSource, size: number): Buffer {
  checkSize('size', size);
  return size === 0 ? emptyRoot(h) : rangeRoot(h, src, 0, size);
}

/** 第 leafIndex 个叶子在大小为 treeSize 的树中的包含证明（自叶向根排列）。 */
export function inclusionProof(h: HashFn, src: NodeSource, leafIndex: number, treeSize: number): Buffer[] {
  checkSize('leafIndex', leafIndex);
  checkSize('treeSize', treeSize);
  if (leafIndex >= treeSize) throw new RangeError(`叶子序号 ${leafIndex} 超出树大小 ${treeSize}`);
  const path: Buffer[] = [];
  let offset = 0;
  let n = treeSize;
  let m = leafIndex;
  // PATH(m, D[n]) 自顶向下展开：每层取另一侧子树的哈希，最后整体反转成自底向上。
  while (n > 1) {
    const { k, level } = splitPoint(n);
    if (m < k) {
      path.push(rangeRoot(h, src, offset + k, offset + n));
      n = k;
    } else {
      path.push(src.perfectNode(level, offset / k));
      offset += k;
      m -= k;
      n -= k;
    }
  }
  return path.reverse();
}

/** 大小 oldSize 的树是大小 newSize 的树之前缀的一致性证明。oldSize 为 0 或等于 newSize 时为空。 */
export function consistencyProof(h: HashFn, src: NodeSource, oldSize: number, newSize: number): Buffer[] {
  checkSize('oldSize', oldSize);
  checkSize('newSize', newSize);
  if (oldSize > newSize) throw new RangeError(`旧树大小 ${oldSize} 大于新树大小 ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const path: Buffer[] = [];
  let offset = 0;
  let n = newSize;
  let m = oldSize;
  // SUBPROOF(m, D[n], b)：b 为真表示当前子树是旧树的根本身，验证方已知其哈希，不必放进证明。
  let isOldRoot = true;
  while (m !== n) {
    const { k, level } = splitPoint(n);
    if (m <= k) {
      path.push(rangeRoot(h, src, offset + k, offset + n));
      n = k;
    } else {
      path.push(src.perfectNode(level, offset / k));
      offset += k;
      m -= k;
      n -= k;
      isOldRoot = false;
    }
  }
  if (!isOldRoot) path.push(rangeRoot(h, src, offset, offset + n));
  return path.reverse();
}

// 存储层通常先按坐标批量取出节点、再同步生成证明；下列函数列出一次证明会读取哪些节点。
function recordIds(run: (h: HashFn, src: NodeSource) => unknown): NodeId[] {
  const ids: NodeId[] = [];
  const seen = new Set<string>();
  const dummy = Buffer.alloc(32);
  run(() => dummy, {
    perfectNode(level, index) {
      const key = `${level}/${index}`;
      if (!seen.has(key)) {
        seen.add(key);
        ids.push({ level, index });
      }
      return dummy;
    },
  });
  return ids;
}

export function inclusionProofNodeIds(leafIndex: number, treeSize: number): NodeId[] {
  return recordIds((h, src) => inclusionProof(h, src, leafIndex, treeSize));
}

export function consistencyProofNodeIds(oldSize: number, newSize: number): NodeId[] {
  return recordIds((h, src) => consistencyProof(h, src, oldSize, newSize));
}

export function rootNodeIds(size: number): NodeId[] {
  return compactRangeIds(size);
}
