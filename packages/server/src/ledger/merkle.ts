// RFC 6962 / RFC 9162 Merkle 树的统一入口。哈希函数作参数：国密部署用 SM3，
// 测试用 SHA-256 对照 Certificate Transparency 公布的向量。
import type { HashFn } from './hashes.ts';
import { emptyRoot, nodeHash, splitPoint } from './merkle-node.ts';

export type { HashFn } from './hashes.ts';
export { emptyRoot, leafHash, nodeHash } from './merkle-node.ts';
export { compactRangeIds, MemoryNodeSource, perfectRangeIds, type NodeId, type NodeSource } from './node-source.ts';
export { TreeBuilder, type NodeSink } from './tree-builder.ts';
export {
  consistencyProof,
  consistencyProofNodeIds,
  inclusionProof,
  inclusionProofNodeIds,
  rangeRoot,
  rootAt,
  rootNodeIds,
} from './merkle-proof.ts';
export { verifyConsistency, verifyInclusion } from './merkle-verify.ts';

/**
 * 按 RFC 9162 §2.1.1 的递归定义直接计算 MTH。刻意不复用 TreeBuilder：
 * 它是测试里对照流式建树与证明生成的独立参照实现。
 */
export function rootFromLeafHashes(h: HashFn, leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return emptyRoot(h);
  const mth = (start: number, n: number): Buffer => {
    if (n === 1) return leaves[start]!;
    const { k } = splitPoint(n);
    return nodeHash(h, mth(start, k), mth(start + k, n - k));
  };
  return mth(0, leaves.length);
}
