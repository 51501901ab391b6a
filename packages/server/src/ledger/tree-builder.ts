// 流式建树（紧凑范围）：只保存右边缘那几棵完美子树，内存 O(log n)，每次追加摊还一次节点哈希。
import type { HashFn } from './hashes.ts';
import { emptyRoot, nodeHash } from './merkle-node.ts';
import { compactRangeIds, foldRight, type NodeSource } from './node-source.ts';

/** 追加时对每个新完成的完美子树回调一次（含 level 0 的叶子本身），供存储层持久化。 */
export type NodeSink = (level: number, index: number, hash: Buffer) => void;

export class TreeBuilder {
  readonly #h: HashFn;
  // 栈中第 i 个元素对应 size 二进制表示里从高到低的第 i 个 1 位——大的子树在左。
  readonly #stack: Buffer[];
  #size: number;

  constructor(h: HashFn) {
    this.#h = h;
    this.#stack = [];
    this.#size = 0;
  }

  /** 从已持久化的完美子树恢复到 size 个叶子的状态（排序器重启时用），只读 O(log n) 个节点。 */
  static resume(h: HashFn, size: number, src: NodeSource): TreeBuilder {
    const t = new TreeBuilder(h);
    for (const { level, index } of compactRangeIds(size)) t.#stack.push(src.perfectNode(level, index));
    t.#size = size;
    return t;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * 追加一个叶哈希。调用方此后不得修改 leafHash：它会被保存在栈里、也会交给 onNode。
   * 旧 size 末尾有几个连续的 1 位，就有几棵等大的左兄弟在等待合并。
   */
  append(leafHash: Buffer, onNode?: NodeSink): void {
    let hash = leafHash;
    let index = this.#size;
    let level = 0;
    onNode?.(0, index, hash);
    for (let n = this.#size; n % 2 === 1; n = (n - 1) / 2) {
      hash = nodeHash(this.#h, this.#stack.pop()!, hash);
      level++;
      index = (index - 1) / 2;
      onNode?.(level, index, hash);
    }
    this.#stack.push(hash);
    this.#size++;
  }

  /** 当前树根 MTH(D[0:size])；不改变状态，可随时调用。 */
  root(): Buffer {
    return this.#stack.length === 0 ? emptyRoot(this.#h) : foldRight(this.#h, this.#stack);
  }
}
