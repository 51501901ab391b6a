// RFC 9162 §2.1.1 的两种节点哈希。前缀字节 0x00/0x01 做域分离，
// 使叶哈希永远不可能被冒充为内部节点（第二原像攻击）。
import type { HashFn } from './hashes.ts';

const EMPTY = new Uint8Array(0);

// 建树时每个叶子平均产生一次内部节点哈希；复用暂存区省去每次分配。
// HashFn 约定不保留输入，且 JS 单线程、此处不可重入，所以复用是安全的。
const scratch65 = Buffer.allocUnsafeSlow(65);

/** 空树的根：MTH({}) = HASH()。 */
export function emptyRoot(h: HashFn): Buffer {
  return h(EMPTY);
}

/** 叶哈希：HASH(0x00 ‖ data)。 */
export function leafHash(h: HashFn, data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = 0x00;
  input.set(data, 1);
  return h(input);
}

/** 内部节点哈希：HASH(0x01 ‖ left ‖ right)。 */
export function nodeHash(h: HashFn, left: Uint8Array, right: Uint8Array): Buffer {
  const n = 1 + left.length + right.length;
  const input = n === 65 ? scratch65 : Buffer.allocUnsafe(n);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return h(input);
}

/** 小于 n（n ≥ 2）的最大 2 的幂 k 及其指数；RFC 9162 在 k 处把 n 个叶子分成左右两棵子树。 */
export function splitPoint(n: number): { k: number; level: number } {
  let k = 1;
  let level = 0;
  // 用乘法而非位移：树大小可超过 2^31。
  while (k * 2 < n) {
    k *= 2;
    level++;
  }
  return { k, level };
}
