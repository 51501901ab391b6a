// 按 RFC 9162 §2.1.3.2 与 §2.1.4.2 逐字实现的证明验证。
// 除算法自带的检查外，先按树形状算出证明应有的长度并逐项核对哈希长度：
// 多一个或少一个元素都直接拒绝（immudb GHSA-672p-m5jq-mrh8 的教训是跳过了中间环节）。
// 任何不合法的输入都返回 false，从不抛错——验证方只需要“是/否”。
import { bytesEqual, type HashFn } from './hashes.ts';
import { emptyRoot, nodeHash } from './merkle-node.ts';

// 树大小可超过 2^32，JS 位运算只有 32 位，故用算术实现 LSB 与右移。
const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);
const isSize = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && !odd(x)) x /= 2;
  return x === 1;
}

const hashLengths = new WeakMap<HashFn, number>();
function hashLength(h: HashFn): number {
  let n = hashLengths.get(h);
  if (n === undefined) {
    n = emptyRoot(h).length;
    hashLengths.set(h, n);
  }
  return n;
}

function allOfLength(hashes: readonly Uint8Array[], n: number): boolean {
  for (const x of hashes) if (!(x instanceof Uint8Array) || x.length !== n) return false;
  return true;
}

/** RFC 算法的主循环在 sn 归零前会消耗多少个路径元素——即合法证明的确切长度。 */
function pathLength(fn: number, sn: number): number {
  let count = 0;
  while (sn > 0) {
    count++;
    if (fn === sn && !odd(fn)) {
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }
    fn = half(fn);
    sn = half(sn);
  }
  return count;
}

/**
 * RFC 9162 §2.1.3.2：leaf 位于大小 treeSize、根为 root 的树的第 leafIndex 位。
 * treeSize 与 root 必须取自同一个已验签的检查点：包含证明本身并不约束树大小——
 * 大小 n 的证明在声称大小 n±1 时往往算出同一个根，能区分二者的只有签名。
 */
export function verifyInclusion(
  h: HashFn,
  leaf: Uint8Array,
  leafIndex: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return false;
  const hl = hashLength(h);
  if (!allOfLength([leaf, root], hl) || !allOfLength(proof, hl)) return false;
  if (proof.length !== pathLength(leafIndex, treeSize - 1)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(h, p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/**
 * RFC 9162 §2.1.4.2：大小 oldSize、根 oldRoot 的树是大小 newSize、根 newRoot 的树的前缀。
 * RFC 只规定 0 < oldSize < newSize；两端情形从严处理：oldSize 为 0 时旧根必须是空树根，
 * 两者相等时两根必须相同；这两种情形下证明都必须为空。
 */
export function verifyConsistency(
  h: HashFn,
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  const hl = hashLength(h);
  if (!allOfLength([oldRoot, newRoot], hl) || !allOfLength(proof, hl)) return false;
  if (oldSize === 0) return proof.length === 0 && bytesEqual(oldRoot, emptyRoot(h));
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  // 1. 空证明直接失败。
  if (proof.length === 0) return false;
  // 3–4. fn、sn 右移到 fn 的最低位为 0。
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 2. 旧树大小是 2 的幂时，旧根就是路径起点，证明里不重复给出。
  const oldIsPerfect = isPowerOfTwo(oldSize);
  if (proof.length !== (oldIsPerfect ? 0 : 1) + pathLength(fn, sn)) return false;
  const path = oldIsPerfect ? [oldRoot, ...proof] : proof;
  // 5. fr、sr 都从第一个值开始。
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  // 6. 逐个处理其余的值。
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7. 两个根都要吻合，且 sn 恰好归零。
  return sn === 0 && bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot);
}
