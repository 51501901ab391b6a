// 性质测试：由完美子树生成的每个证明都成立；对证明做任何单点改动都被拒绝。
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hash } from './hashes.ts';
import {
  consistencyProof, consistencyProofNodeIds, inclusionProof, inclusionProofNodeIds, leafHash, MemoryNodeSource,
  rootAt, rootFromLeafHashes, TreeBuilder, verifyConsistency, verifyInclusion, type NodeSource,
} from './merkle.ts';

const h = sha256Hash;
const trees = new Map<number, { leaves: Buffer[]; src: MemoryNodeSource }>();
function tree(n: number): { leaves: Buffer[]; src: MemoryNodeSource } {
  let t = trees.get(n);
  if (!t) {
    const leaves = Array.from({ length: n }, (_, i) => leafHash(h, Buffer.from(`leaf-${n}-${i}`)));
    t = { leaves, src: new MemoryNodeSource(h, leaves) };
    trees.set(n, t);
  }
  return t;
}

/** 对证明的全部单点改动：逐元素翻转一位、删除、在各处插入、交换相邻元素。 */
function mutations(proof: Buffer[]): Buffer[][] {
  const out: Buffer[][] = [];
  const junk = h(Buffer.from('junk'));
  for (let i = 0; i < proof.length; i++) {
    const flipped = proof.slice();
    flipped[i] = Buffer.from(proof[i]!);
    flipped[i]![(i * 7) % 32]! ^= 1 << (i % 8);
    out.push(flipped, [...proof.slice(0, i), ...proof.slice(i + 1)]);
    if (i + 1 < proof.length && !proof[i]!.equals(proof[i + 1]!)) {
      const swapped = proof.slice();
      [swapped[i], swapped[i + 1]] = [proof[i + 1]!, proof[i]!];
      out.push(swapped);
    }
  }
  for (let i = 0; i <= proof.length; i++) {
    out.push([...proof.slice(0, i), junk, ...proof.slice(i)]);
    if (i > 0) out.push([...proof.slice(0, i), proof[i - 1]!, ...proof.slice(i)]);
  }
  return out;
}

describe('流式建树', () => {
  it('每个前缀的根、报告的完美子树、断点续建都与参照实现一致', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (n, cut) => {
      const { leaves, src } = tree(Math.max(n, 1));
      const use = leaves.slice(0, n);
      const t = new TreeBuilder(h);
      for (let i = 0; i < n; i++) {
        t.append(use[i]!, (level, index, hash) => expect(hash).toEqual(src.perfectNode(level, index)));
        expect(t.root()).toEqual(rootAt(h, src, i + 1));
      }
      const k = n === 0 ? 0 : cut % (n + 1);
      // 递归定义的参照实现是 O(n) 的，只在两个大小上对照。
      expect(t.root()).toEqual(rootFromLeafHashes(h, use));
      expect(rootAt(h, src, k)).toEqual(rootFromLeafHashes(h, use.slice(0, k)));
      const resumed = TreeBuilder.resume(h, k, src);
      for (let i = k; i < n; i++) resumed.append(use[i]!);
      expect(resumed.size).toBe(n);
      expect(resumed.root()).toEqual(t.root());
    }), { numRuns: 40 });
  });
});

describe('证明的完备性', () => {
  it('任意大小（1..300）下，每个包含证明与一致性证明都能验证通过', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
      const { leaves, src } = tree(n);
      const root = rootAt(h, src, n);
      for (let i = 0; i < n; i++) {
        expect(verifyInclusion(h, leaves[i]!, i, n, inclusionProof(h, src, i, n), root)).toBe(true);
      }
      for (let m = 0; m <= n; m++) {
        expect(verifyConsistency(h, m, n, rootAt(h, src, m), root, consistencyProof(h, src, m, n))).toBe(true);
      }
    }), { numRuns: 30 });
  });

  it('证明只读 O(log² n) 个完美子树，且只靠列出的那些节点即可生成', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (n, a, b) => {
      const { src } = tree(n);
      const i = a % n;
      const m = b % (n + 1);
      const bound = (Math.ceil(Math.log2(n)) + 1) ** 2;
      const only = (ids: Array<{ level: number; index: number }>): NodeSource => {
        const allowed = new Set(ids.map((x) => `${x.level}/${x.index}`));
        return { perfectNode: (l, x) => (allowed.has(`${l}/${x}`) ? src.perfectNode(l, x) : expect.unreachable(`${l}/${x}`)) };
      };
      const inc = inclusionProofNodeIds(i, n);
      const con = consistencyProofNodeIds(m, n);
      expect(inc.length).toBeLessThanOrEqual(bound);
      expect(con.length).toBeLessThanOrEqual(bound);
      expect(inclusionProof(h, only(inc), i, n)).toEqual(inclusionProof(h, src, i, n));
      expect(consistencyProof(h, only(con), m, n)).toEqual(consistencyProof(h, src, m, n));
    }), { numRuns: 200 });
  });
});

describe('证明的可靠性', () => {
  it('包含证明的任何单点改动、错误序号或树大小、错误叶子或根都被拒绝', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (n, a) => {
      const { leaves, src } = tree(n);
      const i = a % n;
      const root = rootAt(h, src, n);
      const proof = inclusionProof(h, src, i, n);
      const leaf = leaves[i]!;
      for (const p of mutations(proof)) expect(verifyInclusion(h, leaf, i, n, p, root)).toBe(false);
      for (const j of [i - 1, i + 1, i ^ 1, i ^ 2, n, -1, i + 0.5]) {
        if (j !== i) expect(verifyInclusion(h, leaf, j, n, proof, root)).toBe(false);
      }
      // 不测 n±1：包含证明不约束树大小（见 verifyInclusion 的说明），大小由检查点签名绑定。
      for (const size of [n * 2, Math.floor(n / 2), i, 0]) {
        if (size !== n) expect(verifyInclusion(h, leaf, i, size, proof, root)).toBe(false);
      }
      if (n > 1) expect(verifyInclusion(h, leaves[(i + 1) % n]!, i, n, proof, root)).toBe(false);
      expect(verifyInclusion(h, leaf, i, n, proof, h(root))).toBe(false);
      expect(verifyInclusion(h, leaf, i, n, proof, root.subarray(0, 31))).toBe(false);
    }), { numRuns: 300 });
  });

  it('一致性证明的任何单点改动、错误大小、调换或替换根都被拒绝', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 300 }), fc.nat(), (n, b) => {
      const { src } = tree(n);
      const m = 1 + (b % (n - 1)); // 0 < m < n：证明非空的一般情形
      const [r1, r2] = [rootAt(h, src, m), rootAt(h, src, n)];
      const proof = consistencyProof(h, src, m, n);
      for (const p of mutations(proof)) expect(verifyConsistency(h, m, n, r1, r2, p)).toBe(false);
      expect(verifyConsistency(h, m, n, r1, r2, [])).toBe(false);
      for (const [x, y] of [[m - 1, n], [m + 1, n], [m ^ 2, n], [m, n * 2], [m, Math.floor(n / 2)], [n, m], [0, n]] as const) {
        if (x !== m || y !== n) expect(verifyConsistency(h, x, y, r1, r2, proof)).toBe(false);
      }
      expect(verifyConsistency(h, m, n, r2, r1, proof)).toBe(false);
      expect(verifyConsistency(h, m, n, h(r1), r2, proof)).toBe(false);
      expect(verifyConsistency(h, m, n, r1, h(r2), proof)).toBe(false);
    }), { numRuns: 300 });
  });
});
