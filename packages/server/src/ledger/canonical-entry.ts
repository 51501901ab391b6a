// 台账条目的规范字节（格式版本 0x01）。叶哈希只对这串字节计算，
// 因而验证从不依赖 JSON 键序、数据库列序或任何语言的序列化细节。
//
// 版本 0x01 的布局，字段顺序固定如下，全部大端：
//   0x01 ‖ seq:u64 ‖ at ‖ category ‖ act ‖ actorUserId ‖ actorOrgId ‖ accountableOrgId
//        ‖ purpose ‖ basis ‖ childIds ‖ fields ‖ requestId ‖ outcome ‖ reason
//   字符串 = u32 字节长度 ‖ UTF-8；null = u32 0xFFFFFFFF；数组 = u32 个数 ‖ 各字符串。
// childIds 与 fields 是集合：编码器按 UTF-8 字节序排序并去重，逻辑相同的条目得到相同字节。
// 编码只覆盖上列字段；对象上的其他属性不进入哈希。改动格式必须换版本号，旧条目按旧版本核验。
import { isIsoUtcMillis } from './iso-time.ts';
import { canonicalSet } from './utf8-order.ts';

export type LedgerCategory = 'processing' | 'security' | 'admin';
export type LedgerOutcome = 'allowed' | 'denied' | 'succeeded' | 'failed';

export interface LedgerEntry {
  seq: number; // 自 0 起、无空洞，由排序器分配
  at: string; // 带毫秒的 UTC ISO-8601，如 2026-11-22T08:00:00.000Z
  category: LedgerCategory;
  act: string; // processing 取 PROCESSING_ACTS 之一；security/admin 为小写标识符，如 login_failed
  actorUserId: string | null;
  actorOrgId: string | null;
  accountableOrgId: string | null; // 谁主管谁负责
  purpose: string | null;
  basis: string | null; // 合法性基础，如 'consent:<id>' 或法条引用
  childIds: string[];
  fields: string[]; // 只记字段名，绝不记值
  requestId: string | null;
  outcome: LedgerOutcome;
  reason: string | null;
}

export const ENTRY_FORMAT_VERSION = 0x01;
export const LEDGER_CATEGORIES: readonly LedgerCategory[] = ['processing', 'security', 'admin'];
export const LEDGER_OUTCOMES: readonly LedgerOutcome[] = ['allowed', 'denied', 'succeeded', 'failed'];
/** 《个人信息保护法》第四条第二款列举的处理活动；processing 类条目只能取这些值。 */
export const PROCESSING_ACTS: readonly string[] = [
  'collect', 'store', 'use', 'process', 'transmit', 'provide', 'disclose', 'delete',
];

const CATEGORY_SET = new Set<string>(LEDGER_CATEGORIES);
const OUTCOME_SET = new Set<string>(LEDGER_OUTCOMES);
const PROCESSING_SET = new Set<string>(PROCESSING_ACTS);
// security/admin 的动作集合会随功能增长，只约束为小写标识符，防止自由文本混入。
const ACT_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const NULL_MARK = 0xffffffff;
const TWO_32 = 2 ** 32;

export class LedgerEntryError extends Error {
  readonly field: string;
  constructor(field: string, why: string) {
    super(`台账条目字段 ${field} 无效：${why}`);
    this.name = 'LedgerEntryError';
    this.field = field;
  }
}

/** 从 s[i] 起按 UTF-8 写入 buf[p..]，返回写完后的位置。调用方已保证容量。 */
function utf8Tail(buf: Buffer, s: string, i: number, p: number, field: string): number {
  for (const n = s.length; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[p++] = c;
    } else if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    } else {
      const lo = s.charCodeAt(i + 1); // 越界时为 NaN，下面的比较为假
      // 孤立代理项在 UTF-8 中无法表示，替换成 U+FFFD 会让两个不同字符串编码相同，故拒绝。
      if (c > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) throw new LedgerEntryError(field, '含有孤立的 UTF-16 代理项');
      c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
      i++;
      buf[p++] = 0xf0 | (c >> 18);
      buf[p++] = 0x80 | ((c >> 12) & 0x3f);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

/**
 * 可复用的编码器：内部缓冲区跨调用复用，逐条核验时不必每条分配。
 * 返回的 Buffer 是内部缓冲区的视图，下一次调用前有效；需要长期保存请复制。
 */
export class EntryEncoder {
  #buf: Buffer = Buffer.allocUnsafeSlow(1024);
  #pos = 0;

  /** 条目的规范字节。 */
  encode(e: LedgerEntry): Buffer {
    this.#write(e);
    return this.#buf.subarray(1, this.#pos);
  }

  /** 0x00 ‖ 规范字节，即叶哈希的输入；直接写在同一缓冲区里，省去一次拼接。 */
  leafInput(e: LedgerEntry): Buffer {
    this.#write(e);
    return this.#buf.subarray(0, this.#pos);
  }

  #write(e: LedgerEntry): void {
    this.#pos = 0;
    this.#ensure(9);
    this.#buf[this.#pos++] = 0x00;
    this.#buf[this.#pos++] = ENTRY_FORMAT_VERSION;
    if (!Number.isSafeInteger(e.seq) || e.seq < 0) throw new LedgerEntryError('seq', `须为非负整数，实为 ${String(e.seq)}`);
    this.#u32(Math.floor(e.seq / TWO_32));
    this.#pos += 4;
    this.#u32(e.seq % TWO_32);
    this.#pos += 4;
    if (!isIsoUtcMillis(e.at)) throw new LedgerEntryError('at', '须为带毫秒的 UTC 时间，如 2026-11-22T08:00:00.000Z');
    this.#str(e.at, 'at');
    if (!CATEGORY_SET.has(e.category)) throw new LedgerEntryError('category', `未知类别 ${String(e.category)}`);
    this.#str(e.category, 'category');
    if (typeof e.act !== 'string' || !(e.category === 'processing' ? PROCESSING_SET.has(e.act) : ACT_PATTERN.test(e.act))) {
      throw new LedgerEntryError('act', `类别 ${e.category} 下不允许的动作 ${String(e.act)}`);
    }
    this.#str(e.act, 'act');
    this.#nullable(e.actorUserId, 'actorUserId');
    this.#nullable(e.actorOrgId, 'actorOrgId');
    this.#nullable(e.accountableOrgId, 'accountableOrgId');
    this.#nullable(e.purpose, 'purpose');
    this.#nullable(e.basis, 'basis');
    this.#set(e.childIds, 'childIds');
    this.#set(e.fields, 'fields');
    this.#nullable(e.requestId, 'requestId');
    if (!OUTCOME_SET.has(e.outcome)) throw new LedgerEntryError('outcome', `未知结果 ${String(e.outcome)}`);
    this.#str(e.outcome, 'outcome');
    this.#nullable(e.reason, 'reason');
  }

  #ensure(extra: number): void {
    if (this.#pos + extra <= this.#buf.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.#buf.length * 2, this.#pos + extra));
    this.#buf.copy(grown, 0, 0, this.#pos);
    this.#buf = grown;
  }

  #str(s: unknown, field: string): void {
    if (typeof s !== 'string') throw new LedgerEntryError(field, `须为字符串，实为 ${s === null ? 'null' : typeof s}`);
    const n = s.length;
    this.#ensure(4 + 3 * n); // 每个 UTF-16 码元至多 3 字节 UTF-8
    const buf = this.#buf;
    const start = this.#pos + 4;
    // 手写 UTF-8：条目里的字符串都很短，调用原生 Buffer#write 的固定开销反而占大头。
    // 先跑只处理 ASCII 的紧凑循环（标识符、时间、字段名都走这里），遇到非 ASCII 再转通用路径。
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[start + i] = c;
    }
    const p = i === n ? start + n : utf8Tail(buf, s, i, start + i, field);
    this.#u32(p - start);
    this.#pos = p;
  }

  // 写在当前位置，不移动 #pos（#str 先写内容、后回填长度）。
  #u32(v: number): void {
    const buf = this.#buf;
    const at = this.#pos;
    buf[at] = v >>> 24;
    buf[at + 1] = (v >>> 16) & 0xff;
    buf[at + 2] = (v >>> 8) & 0xff;
    buf[at + 3] = v & 0xff;
  }

  #nullable(s: string | null, field: string): void {
    if (s === null) {
      this.#ensure(4);
      this.#u32(NULL_MARK);
      this.#pos += 4;
    } else {
      this.#str(s, field);
    }
  }

  #set(items: string[], field: string): void {
    if (!Array.isArray(items)) throw new LedgerEntryError(field, '须为字符串数组');
    for (const s of items) if (typeof s !== 'string') throw new LedgerEntryError(field, '元素须为字符串');
    const set = canonicalSet(items);
    this.#ensure(4);
    this.#u32(set.length);
    this.#pos += 4;
    for (const s of set) this.#str(s, field);
  }
}

const shared = new EntryEncoder();

/** 条目的规范字节（新分配的副本）。值无效时抛 LedgerEntryError。 */
export function encodeEntry(e: LedgerEntry): Buffer {
  return Buffer.from(shared.encode(e));
}

/** 按规范字节计算叶哈希 HASH(0x00 ‖ encodeEntry(e))。 */
export function entryLeafHash(h: (data: Uint8Array) => Buffer, e: LedgerEntry): Buffer {
  return h(shared.leafInput(e));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * 规范字节还原为条目。只接受 encodeEntry 会产生的那一种字节串：
 * 解析后重新编码必须逐字节相同，因此乱序或重复的集合、多余的尾部字节都会被拒绝。
 */
export function decodeEntry(bytes: Uint8Array): LedgerEntry {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (n: number, field: string): void => {
    if (pos + n > buf.length) throw new LedgerEntryError(field, '字节串提前结束');
  };
  const u32 = (field: string): number => {
    need(4, field);
    pos += 4;
    return buf.readUInt32BE(pos - 4);
  };
  const nullable = (field: string): string | null => {
    const n = u32(field);
    if (n === NULL_MARK) return null;
    need(n, field);
    pos += n;
    try {
      return utf8.decode(buf.subarray(pos - n, pos));
    } catch {
      throw new LedgerEntryError(field, '不是合法的 UTF-8');
    }
  };
  const str = (field: string): string => {
    const s = nullable(field);
    if (s === null) throw new LedgerEntryError(field, '不可为 null');
    return s;
  };
  const list = (field: string): string[] => {
    const n = u32(field);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(str(field));
    return out;
  };

  need(1, 'version');
  if (buf[pos++] !== ENTRY_FORMAT_VERSION) throw new LedgerEntryError('version', `不支持的格式版本 ${buf[0]}`);
  const hi = u32('seq');
  const lo = u32('seq');
  const e: LedgerEntry = {
    seq: hi * TWO_32 + lo,
    at: str('at'),
    category: str('category') as LedgerCategory,
    act: str('act'),
    actorUserId: nullable('actorUserId'),
    actorOrgId: nullable('actorOrgId'),
    accountableOrgId: nullable('accountableOrgId'),
    purpose: nullable('purpose'),
    basis: nullable('basis'),
    childIds: list('childIds'),
    fields: list('fields'),
    requestId: nullable('requestId'),
    outcome: str('outcome') as LedgerOutcome,
    reason: nullable('reason'),
  };
  if (pos !== buf.length) throw new LedgerEntryError('*', `末尾多出 ${buf.length - pos} 字节`);
  if (!encodeEntry(e).equals(buf)) throw new LedgerEntryError('*', '不是规范编码（集合未排序或含重复）');
  return e;
}
