// 核验器边读条目边建树，只知道“当前”的根。检查点若晚于其树大小才送入，
// 需要那时的根：保留最近 span 个叶子范围内完成的完美子树即可按 rootAt 重算，
// 内存约 2·span 个哈希，与台账总长无关。
import type { NodeSource } from './node-source.ts';

interface Ring {
  hashes: Buffer;
  indices: Float64Array; // 每个槽当前存放的节点序号，用来识别已被覆盖的旧节点
}

export class NodeWindow implements NodeSource {
  readonly #span: number;
  readonly #rings: Ring[] = [];
  #hashLength = 0;

  constructor(span: number) {
    if (!Number.isSafeInteger(span) || span < 1) throw new RangeError(`保留窗口须为正整数：${span}`);
    this.#span = span;
  }

  // 大小落后当前 ≤ span 的树，其紧凑范围在 level 层用到的节点离最新节点至多 ⌈span/2^level⌉ 个。
  #capacity(level: number): number {
    return Math.ceil(this.#span / 2 ** level) + 1;
  }

  record(level: number, index: number, hash: Buffer): void {
    let ring = this.#rings[level];
    if (!ring) {
      if (this.#hashLength === 0) this.#hashLength = hash.length;
      const cap = this.#capacity(level);
      ring = { hashes: Buffer.alloc(cap * this.#hashLength), indices: new Float64Array(cap).fill(-1) };
      this.#rings[level] = ring;
    }
    const slot = index % ring.indices.length;
    ring.indices[slot] = index;
    ring.hashes.set(hash, slot * this.#hashLength);
  }

  perfectNode(level: number, index: number): Buffer {
    const ring = this.#rings[level];
    const slot = ring ? index % ring.indices.length : 0;
    if (!ring || ring.indices[slot] !== index) {
      throw new RangeError(`完美子树节点已不在保留窗口内：level=${level} index=${index}`);
    }
    const off = slot * this.#hashLength;
    return Buffer.from(ring.hashes.subarray(off, off + this.#hashLength));
  }
}
