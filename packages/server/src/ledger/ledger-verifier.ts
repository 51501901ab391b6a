// 台账的流式核验器（供 `hutong ledger verify` 与 API 使用，不接触数据库）。
// 按存储顺序送入条目，它重算每条的规范编码与叶哈希、哈希链、Merkle 树，
// 并在树长到每个检查点的大小时核对签名与根。只报告第一处不一致：之后的数据已无从信任。
import { type LedgerEntry, EntryEncoder } from './canonical-entry.ts';
import { chainHash, GENESIS } from './chain.ts';
import { checkpointMessage, type LedgerCheckpoint } from './checkpoint.ts';
import { bytesEqual, type HashFn } from './hashes.ts';
import { rootAt } from './merkle-proof.ts';
import { NodeWindow } from './node-window.ts';
import { TreeBuilder } from './tree-builder.ts';

export { checkpointMessage, CHECKPOINT_ORIGIN, type LedgerCheckpoint } from './checkpoint.ts';

export interface StoredLedgerEntry {
  entry: LedgerEntry;
  leafHash: Buffer;
  chainHash: Buffer;
}

export type VerifyErrorKind =
  | 'leaf_mismatch'
  | 'chain_mismatch'
  | 'seq_gap'
  | 'seq_order'
  | 'checkpoint_root_mismatch'
  | 'checkpoint_signature'
  | 'checkpoint_beyond_end';

export interface VerifyError {
  /** 出问题的条目序号；检查点根不符时无法确定是哪一条，为 null。 */
  seq: number | null;
  kind: VerifyErrorKind;
  /** 中文说明，点名出问题的条目或检查点。 */
  message: string;
  /** 检查点类错误所涉检查点的树大小。 */
  treeSize?: number;
}

export interface VerifyResult {
  ok: boolean;
  /** 通过核验的条目数（出错时即出错位置之前的条数）。 */
  entries: number;
  /** 通过核验的检查点数。 */
  checkpoints: number;
  /** 通过核验的那些条目构成的树的根。 */
  root: Buffer;
  firstError?: VerifyError;
}

export interface LedgerVerifierOptions {
  hash: HashFn;
  verifySignature: (publicKeyHex: string, message: Uint8Array, signatureHex: string) => boolean;
  /** 受信任的检查点签名公钥（十六进制，不区分大小写）。 */
  publicKeys: readonly string[];
  /** 检查点最多可以比其树大小晚送入多少条；默认 65536，内存约 2×此数×32 字节。 */
  checkpointLag?: number;
}

const clip = (v: unknown): string => {
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

function describe(seq: number, e: LedgerEntry): string {
  return `第 ${seq} 号条目（${clip(e.at)}，${clip(e.category)}/${clip(e.act)}）`;
}

const describeCp = (cp: LedgerCheckpoint): string => `检查点（树大小 ${cp.treeSize}，签发于 ${clip(cp.at)}）`;

/**
 * 用法：先（或随时）送入检查点，再按 seq 顺序送入全部条目，最后调用 finish()。
 * 检查点在树长到其大小时核对；晚送入也可以，但不得晚于 checkpointLag 条（否则抛 RangeError，
 * 这是调用方的用法错误而非台账问题）。尾部没有检查点覆盖的条目，其删除无法单凭台账发现。
 */
export class LedgerVerifier {
  readonly #h: HashFn;
  readonly #verifySignature: LedgerVerifierOptions['verifySignature'];
  readonly #keys: Set<string>;
  readonly #encoder = new EntryEncoder();
  readonly #tree: TreeBuilder;
  readonly #window: NodeWindow | null;
  readonly #onNode: ((level: number, index: number, hash: Buffer) => void) | undefined;
  readonly #lag: number;
  #prev: Buffer = GENESIS;
  #pending: LedgerCheckpoint[] = []; // 按 treeSize 升序，尚未到达的检查点
  #goodCount = 0;
  #lastGoodSize = 0; // 已核验检查点中最大的树大小：根不符时据此缩小被改写的范围
  #error: VerifyError | undefined;
  #result: VerifyResult | undefined;

  constructor(opts: LedgerVerifierOptions) {
    this.#h = opts.hash;
    this.#verifySignature = opts.verifySignature;
    this.#keys = new Set(opts.publicKeys.map((k) => k.toLowerCase()));
    this.#tree = new TreeBuilder(opts.hash);
    this.#lag = opts.checkpointLag ?? 65_536;
    const window = this.#lag > 0 ? new NodeWindow(this.#lag) : null;
    this.#window = window;
    this.#onNode = window ? (level, index, hash) => window.record(level, index, hash) : undefined;
  }

  entry(stored: StoredLedgerEntry): void {
    this.#assertOpen();
    if (this.#error) return;
    const seq = this.#tree.size;
    const e = stored.entry;
    if (e.seq !== seq) return this.#seqError(seq, e.seq);
    let input: Buffer;
    try {
      input = this.#encoder.leafInput(e);
    } catch (err) {
      return this.#fail(seq, 'leaf_mismatch', `${describe(seq, e)}内容无效，无法重算规范编码：${(err as Error).message}`);
    }
    const leaf = this.#h(input);
    if (!(stored.leafHash instanceof Uint8Array) || !bytesEqual(leaf, stored.leafHash)) {
      return this.#fail(seq, 'leaf_mismatch', `${describe(seq, e)}的叶哈希与按规范编码重算的结果不符：条目内容或叶哈希被改动`);
    }
    const chain = chainHash(this.#h, this.#prev, leaf);
    if (!(stored.chainHash instanceof Uint8Array) || !bytesEqual(chain, stored.chainHash)) {
      return this.#fail(seq, 'chain_mismatch', `${describe(seq, e)}的链哈希与重算结果不符：链哈希被改动，或其前序历史被改写`);
    }
    this.#prev = chain;
    this.#tree.append(leaf, this.#onNode);
    const size = this.#tree.size;
    while (!this.#error && this.#pending.length > 0 && this.#pending[0]!.treeSize === size) {
      this.#check(this.#pending.shift()!, this.#tree.root());
    }
  }

  checkpoint(cp: LedgerCheckpoint): void {
    this.#assertOpen();
    if (!Number.isSafeInteger(cp.treeSize) || cp.treeSize < 0) {
      throw new TypeError(`检查点树大小须为非负整数：${String(cp.treeSize)}`);
    }
    if (this.#error) return;
    const size = this.#tree.size;
    if (cp.treeSize > size) {
      let i = this.#pending.length;
      while (i > 0 && this.#pending[i - 1]!.treeSize > cp.treeSize) i--;
      this.#pending.splice(i, 0, cp);
    } else if (cp.treeSize === size) {
      this.#check(cp, this.#tree.root());
    } else {
      this.#check(cp, this.#historicRoot(cp));
    }
  }

  finish(): VerifyResult {
    if (!this.#result) {
      const size = this.#tree.size;
      const beyond = this.#pending[0];
      // 先核签名：伪造的“超长”检查点应报为签名问题，而不是误报条目被删。
      if (!this.#error && beyond && this.#signatureOk(beyond)) {
        this.#fail(size, 'checkpoint_beyond_end',
          `${describeCp(beyond)}覆盖到第 ${beyond.treeSize - 1} 号条目，但台账只有 ${size} 条：第 ${size} 号起的条目缺失（被删除或截断）`,
          beyond.treeSize);
      }
      this.#result = {
        ok: this.#error === undefined,
        entries: size,
        checkpoints: this.#goodCount,
        root: this.#tree.root(),
        ...(this.#error ? { firstError: this.#error } : {}),
      };
    }
    return this.#result;
  }

  #assertOpen(): void {
    if (this.#result) throw new Error('核验已结束（已调用 finish()），不能再送入数据');
  }

  #historicRoot(cp: LedgerCheckpoint): Buffer {
    try {
      if (!this.#window) throw new RangeError('未保留历史节点');
      return rootAt(this.#h, this.#window, cp.treeSize);
    } catch {
      throw new RangeError(
        `${describeCp(cp)}送入过晚：此时已读到 ${this.#tree.size} 条，超出 ${this.#lag} 条的保留窗口；请在读条目之前或随条目及时送入检查点`,
      );
    }
  }

  #signatureOk(cp: LedgerCheckpoint): boolean {
    if (typeof cp.publicKey !== 'string' || !this.#keys.has(cp.publicKey.toLowerCase())) {
      this.#fail(null, 'checkpoint_signature', `${describeCp(cp)}的签名公钥不在受信任列表中`, cp.treeSize);
      return false;
    }
    let ok = false;
    try {
      ok = this.#verifySignature(cp.publicKey, checkpointMessage(cp.treeSize, cp.rootHash, cp.at), cp.signature) === true;
    } catch {
      ok = false; // 格式错误的签名或字段同样是“签名不成立”
    }
    if (!ok) this.#fail(null, 'checkpoint_signature', `${describeCp(cp)}的签名无效：检查点内容或签名被改动`, cp.treeSize);
    return ok;
  }

  // 先核签名再比根：根被改而签名未变，报“签名无效”才说中了被改的是检查点本身。
  #check(cp: LedgerCheckpoint, root: Buffer): void {
    if (!this.#signatureOk(cp)) return;
    if (!(cp.rootHash instanceof Uint8Array) || !bytesEqual(root, cp.rootHash)) {
      const from = this.#lastGoodSize < cp.treeSize ? this.#lastGoodSize : 0;
      this.#fail(null, 'checkpoint_root_mismatch',
        `${describeCp(cp)}的根哈希与按台账重算的结果不符：第 ${from}–${cp.treeSize - 1} 号条目之间的历史已被改写（条目与哈希被一并重算）`,
        cp.treeSize);
      return;
    }
    this.#goodCount++;
    this.#lastGoodSize = Math.max(this.#lastGoodSize, cp.treeSize);
  }

  #seqError(expected: number, got: unknown): void {
    if (typeof got === 'number' && Number.isSafeInteger(got) && got > expected) {
      this.#fail(expected, 'seq_gap', `缺少第 ${expected} 号条目：此处读到的是第 ${got} 号（条目被删除或顺序被调换）`);
    } else if (typeof got === 'number' && Number.isSafeInteger(got) && got >= 0) {
      this.#fail(got, 'seq_order', `第 ${got} 号条目重复出现或顺序倒退：此处应为第 ${expected} 号（条目被插入或重放）`);
    } else {
      this.#fail(expected, 'seq_order', `第 ${expected} 号位置的条目序号无效：${clip(got)}`);
    }
  }

  #fail(seq: number | null, kind: VerifyErrorKind, message: string, treeSize?: number): void {
    this.#error ??= { seq, kind, message, ...(treeSize === undefined ? {} : { treeSize }) };
  }
}
