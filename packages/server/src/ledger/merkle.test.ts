// RFC 6962 测试向量：Certificate Transparency 的 merkle_tree_test，
// 与 transparency-dev/merkle proof/verify_test.go 中公布的值相同（SHA-256）。
import { describe, expect, it } from 'vitest';
import { sha256Hash, sm3Hash } from './hashes.ts';
import {
  consistencyProof, emptyRoot, inclusionProof, leafHash, MemoryNodeSource, rootAt, rootFromLeafHashes,
  TreeBuilder, verifyConsistency, verifyInclusion,
} from './merkle.ts';

const h = sha256Hash;
const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);
const EMPTY_ROOT = hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

// 向量里的叶子序号从 1 开始，这里已换成 0 起的 leafIndex。
const INCLUSION: Array<{ index: number; size: number; proof: string[] }> = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 8, proof: [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: [
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, proof: [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];

const CONSISTENCY: Array<{ from: number; to: number; proof: string[] }> = [
  { from: 1, to: 1, proof: [] },
  { from: 1, to: 8, proof: [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { from: 6, to: 8, proof: [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { from: 2, to: 5, proof: [
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { from: 6, to: 7, proof: [
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

const leafHashes = LEAVES.map((d) => leafHash(h, d));
const src = new MemoryNodeSource(h, leafHashes);

describe('哈希函数', () => {
  it('SM3 与 SHA-256 符合标准测试向量', () => {
    const abc = Buffer.from('abc');
    expect(sm3Hash(abc).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sha256Hash(abc).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('RFC 6962 树根', () => {
  it('空树的根是 SHA-256("")', () => {
    expect(emptyRoot(h)).toEqual(EMPTY_ROOT);
    expect(rootFromLeafHashes(h, [])).toEqual(EMPTY_ROOT);
    expect(new TreeBuilder(h).root()).toEqual(EMPTY_ROOT);
    expect(rootAt(h, src, 0)).toEqual(EMPTY_ROOT);
  });

  it('大小 1..8 的根与公布值一致：递归定义、流式建树、由完美子树拼出三者相同', () => {
    const t = new TreeBuilder(h);
    for (let n = 1; n <= 8; n++) {
      t.append(leafHashes[n - 1]!);
      expect(rootFromLeafHashes(h, leafHashes.slice(0, n))).toEqual(ROOTS[n - 1]);
      expect(t.root()).toEqual(ROOTS[n - 1]);
      expect(rootAt(h, src, n)).toEqual(ROOTS[n - 1]);
      expect(TreeBuilder.resume(h, n, src).root()).toEqual(ROOTS[n - 1]);
    }
  });

  it('追加时报告每个新完成的完美子树，与内存节点源一致', () => {
    const seen: string[] = [];
    const t = new TreeBuilder(h);
    for (const l of leafHashes) {
      t.append(l, (level, index, hash) => {
        expect(hash).toEqual(src.perfectNode(level, index));
        seen.push(`${level}/${index}`);
      });
    }
    expect(seen).toEqual(['0/0', '0/1', '1/0', '0/2', '0/3', '1/1', '2/0', '0/4', '0/5', '1/2', '0/6', '0/7', '1/3', '2/1', '3/0']);
  });
});

describe('RFC 6962 包含证明向量', () => {
  for (const v of INCLUSION) {
    it(`叶子 ${v.index} ∈ 大小 ${v.size}`, () => {
      const proof = v.proof.map(hex);
      expect(inclusionProof(h, src, v.index, v.size)).toEqual(proof);
      const root = ROOTS[v.size - 1]!;
      expect(verifyInclusion(h, leafHashes[v.index]!, v.index, v.size, proof, root)).toBe(true);
      // transparency-dev 的篡改探针
      const bad: Array<[number, number, Buffer[], Buffer]> = [
        [v.index - 1, v.size, proof, root], [v.index + 1, v.size, proof, root], [v.index ^ 2, v.size, proof, root],
        [v.index, v.size * 2, proof, root], [v.index, Math.floor(v.size / 2), proof, root],
        [v.index, v.size, proof, EMPTY_ROOT], [v.index, v.size, [...proof, root], root], [v.index, v.size, [root, ...proof], root],
        [v.index, v.size, [...proof, Buffer.alloc(0)], root],
      ];
      if (proof.length > 0) bad.push([v.index, v.size, proof.slice(0, -1), root]);
      proof.forEach((_, i) => {
        const p = proof.map((x) => Buffer.from(x));
        p[i]![0]! ^= 8;
        bad.push([v.index, v.size, p, root]);
      });
      for (const [i, n, p, r] of bad) expect(verifyInclusion(h, leafHashes[v.index]!, i, n, p, r)).toBe(false);
      expect(verifyInclusion(h, Buffer.from('WrongLeaf'), v.index, v.size, proof, root)).toBe(false);
    });
  }
});

describe('RFC 6962 一致性证明向量', () => {
  for (const v of CONSISTENCY) {
    it(`大小 ${v.from} ⊂ 大小 ${v.to}`, () => {
      const proof = v.proof.map(hex);
      const [r1, r2] = [ROOTS[v.from - 1]!, ROOTS[v.to - 1]!];
      expect(consistencyProof(h, src, v.from, v.to)).toEqual(proof);
      expect(verifyConsistency(h, v.from, v.to, r1, r2, proof)).toBe(true);
      if (proof.length === 0) return;
      const bad: Array<[number, number, Buffer, Buffer, Buffer[]]> = [
        [v.from - 1, v.to, r1, r2, proof], [v.from + 1, v.to, r1, r2, proof], [v.from ^ 2, v.to, r1, r2, proof],
        [v.from, v.to * 2, r1, r2, proof], [v.from, Math.floor(v.to / 2), r1, r2, proof],
        [v.from, v.to, r2, r1, proof], [v.from, v.to, EMPTY_ROOT, r2, proof], [v.from, v.to, r1, EMPTY_ROOT, proof],
        [v.from, v.to, r1, r2, []], [v.from, v.to, r1, r2, [...proof, r1]], [v.from, v.to, r1, r2, [...proof, r2]],
        [v.from, v.to, r1, r2, [r1, ...proof]], [v.from, v.to, r1, r2, [r2, ...proof]], [v.from, v.to, r1, r2, [proof[0]!, ...proof]],
        [v.from, v.to, r1, r2, proof.slice(0, -1)],
      ];
      proof.forEach((_, i) => {
        const p = proof.map((x) => Buffer.from(x));
        p[i]![0]! ^= 16;
        bad.push([v.from, v.to, r1, r2, p]);
      });
      for (const [a, b, x, y, p] of bad) expect(verifyConsistency(h, a, b, x, y, p)).toBe(false);
    });
  }

  it('两端情形从严：空旧树须给空树根，同大小须同根，且证明必须为空', () => {
    expect(verifyConsistency(h, 0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(true);
    expect(verifyConsistency(h, 0, 5, EMPTY_ROOT, ROOTS[4]!, [])).toBe(true);
    expect(verifyConsistency(h, 0, 5, ROOTS[0]!, ROOTS[4]!, [])).toBe(false);
    expect(verifyConsistency(h, 0, 5, EMPTY_ROOT, ROOTS[4]!, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(h, 3, 3, ROOTS[2]!, ROOTS[2]!, [])).toBe(true);
    expect(verifyConsistency(h, 3, 3, ROOTS[2]!, ROOTS[3]!, [])).toBe(false);
    expect(verifyConsistency(h, 3, 3, ROOTS[2]!, ROOTS[2]!, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(h, 4, 3, ROOTS[3]!, ROOTS[2]!, [])).toBe(false);
    expect(verifyConsistency(h, 1, 2, ROOTS[0]!, ROOTS[1]!, [])).toBe(false);
  });

  it('生成证明时拒绝越界参数', () => {
    expect(() => inclusionProof(h, src, 8, 8)).toThrow(RangeError);
    expect(() => consistencyProof(h, src, 5, 4)).toThrow(RangeError);
    expect(() => inclusionProof(h, src, 0.5, 8)).toThrow(RangeError);
  });
});
