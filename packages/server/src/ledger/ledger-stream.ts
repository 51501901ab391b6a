// 按 seq 顺序流式读出已编号的台账行，供 `hutong ledger verify` 使用。
// Sequenced ledger rows in seq order, fast on both engines: `COPY … (FORMAT binary)` instead of
// row-by-row decoding (PGlite query() ~30k rows/s; PostgreSQL through Kysely ~150k rows/s).
//
// Why the binary COPY format and not a text format: it is exact by construction. Strings are
// raw UTF-8 with a length prefix (no escaping to undo, no separator that a tampered value could
// contain), bytea is raw bytes (no hex), timestamptz is an integer count of microseconds. A text
// format with a separator would let a database administrator turn ARRAY['a','b'] into
// ARRAY['a<sep>b'] and still parse to the same entry — a change verification must not miss.
//
// Every entry produced here is the entry `rowToEntry` makes from the same row, so canonical bytes
// and leaf hashes are identical (test: packages/server/test/medium/ledger-stream.test.ts). Where a
// row cannot be turned into an entry at all (timestamp ±infinity or beyond year 9999, multi-dimensional
// arrays, NULL array elements) rowToEntry throws or yields a value the encoder refuses; here the
// entry carries a value the canonical encoder refuses, so the verifier reports that entry as
// leaf_mismatch instead of the whole verification crashing.
import type { Kysely } from 'kysely';
import type { Database } from '../shared/db/schema.ts';
import { bulkReaderOf, type BulkReader } from '../shared/db/bulk-read.ts';
import type { LedgerCategory, LedgerEntry, LedgerOutcome } from './canonical-entry.ts';
import type { StoredLedgerEntry } from './ledger-verifier.ts';
import { rowToEntry } from './ledger-row.ts';

/** Column order of the COPY; the parser below reads fields in exactly this order. */
export const LEDGER_STREAM_COLUMNS = [
  'seq', 'at', 'category', 'act', 'actor_user_id', 'actor_org_id', 'accountable_org_id', 'purpose', 'basis',
  'child_ids', 'fields', 'request_id', 'outcome', 'reason', 'leaf_hash', 'chain_hash',
] as const;
const FIELD_COUNT = LEDGER_STREAM_COLUMNS.length;

export interface LedgerStreamOptions {
  /** Rows per PGlite COPY page (its COPY output arrives whole); default 100,000 (~45 MB of COPY output). */
  pageRows?: number;
  /**
   * Rows per yielded batch; default 2,000. Small batches let the parsed objects die young (cheap
   * scavenges) instead of being promoted to the old generation while a large batch waits.
   */
  batchRows?: number;
}

/**
 * Every sequenced ledger row, in seq order, in batches (an async iterator per row would cost
 * more than parsing it). Each entry's `seq` is the stored seq. Treat what it yields as read-only:
 * equal `fields` arrays and repeated strings are shared between entries. Uses the engine's bulk
 * COPY when `db` is a handle made by createDb; otherwise (a transaction) pages through Kysely.
 */
export async function* sequencedLedger(db: Kysely<Database>, opts: LedgerStreamOptions = {}): AsyncGenerator<StoredLedgerEntry[]> {
  const bulk = bulkReaderOf(db);
  const batchRows = opts.batchRows ?? 2_000;
  if (!Number.isSafeInteger(batchRows) || batchRows < 1) throw new RangeError(`batchRows: ${batchRows}`);
  if (!bulk) {
    yield* viaKysely(db, opts.pageRows ?? 20_000);
  } else if (bulk.engine === 'postgres') {
    yield* viaStream(bulk, batchRows);
  } else {
    yield* viaPages(bulk, opts.pageRows ?? 100_000, batchRows);
  }
}

/** The COPY query of sequenced rows after `afterSeq` (all when null), in seq order, at most `limit`. */
export function ledgerCopySelect(afterSeq: number | null, limit?: number): string {
  // COPY takes no bind parameters: only checked integers are inlined.
  if (afterSeq !== null && !Number.isSafeInteger(afterSeq)) throw new RangeError(`afterSeq: ${afterSeq}`);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new RangeError(`limit: ${limit}`);
  return `SELECT ${LEDGER_STREAM_COLUMNS.join(', ')} FROM ledger_entries WHERE seq IS NOT NULL${afterSeq === null ? '' : ` AND seq > ${afterSeq}`} ORDER BY seq${limit ? ` LIMIT ${limit}` : ''}`;
}

/**
 * Raw COPY output of every sequenced row in seq order, for a consumer that parses elsewhere (a
 * worker thread): on PostgreSQL one COPY in chunks cut anywhere (`page: false`); on PGlite
 * complete COPY outputs of up to `pageRows` rows each (`page: true`, each parsed on its own).
 */
export async function* ledgerCopyChunks(bulk: BulkReader, pageRows = 100_000): AsyncGenerator<{ bytes: Uint8Array; page: boolean }> {
  if (bulk.engine === 'postgres') {
    for await (const bytes of bulk.copyOutBinary(ledgerCopySelect(null))) yield { bytes, page: false };
    return;
  }
  let after: number | null = null;
  for (;;) {
    const parts: Uint8Array[] = [];
    for await (const c of bulk.copyOutBinary(ledgerCopySelect(after, pageRows))) parts.push(c);
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const { rows, lastSeq } = scanCopy(bytes);
    yield { bytes, page: true };
    if (rows < pageRows) return;
    if (lastSeq === null || (after !== null && lastSeq <= after)) throw new Error(`台账 seq 无法继续分页：${String(lastSeq)}`);
    after = lastSeq;
  }
}

/** Counts the tuples of a complete COPY output and reads the last one's seq, without decoding. */
export function scanCopy(bytes: Uint8Array): { rows: number; lastSeq: number | null } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 19 || !buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('不是 PostgreSQL COPY 二进制格式');
  let pos = 19 + buf.readUInt32BE(15);
  let rows = 0;
  let lastSeq: number | null = null;
  for (;;) {
    if (pos + 2 > buf.length) throw new Error('COPY 输出不完整');
    const n = buf.readInt16BE(pos);
    pos += 2;
    if (n === -1) return { rows, lastSeq };
    if (n !== FIELD_COUNT) throw new Error(`COPY 行有 ${n} 个字段，应为 ${FIELD_COUNT}`);
    if (buf.readInt32BE(pos) !== 8) throw new Error('seq 字段格式不符');
    lastSeq = buf.readInt32BE(pos + 4) * TWO_32 + buf.readUInt32BE(pos + 8);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const len = buf.readInt32BE(pos);
      pos += 4 + (len > 0 ? len : 0);
    }
    rows++;
  }
}

async function* viaStream(bulk: BulkReader, batchRows: number): AsyncGenerator<StoredLedgerEntry[]> {
  const parser = new LedgerCopyParser();
  let out: StoredLedgerEntry[] = [];
  for await (const chunk of bulk.copyOutBinary(ledgerCopySelect(null))) {
    parser.push(chunk);
    while (parser.read(out, batchRows - out.length) > 0 && out.length >= batchRows) {
      yield out;
      out = [];
    }
  }
  parser.end();
  if (out.length > 0) yield out;
}

async function* viaPages(bulk: BulkReader, pageRows: number, batchRows: number): AsyncGenerator<StoredLedgerEntry[]> {
  for await (const { bytes } of ledgerCopyChunks(bulk, pageRows)) {
    const parser = new LedgerCopyParser();
    parser.push(bytes);
    for (;;) {
      const out: StoredLedgerEntry[] = [];
      if (parser.read(out, batchRows) === 0) break;
      yield out;
    }
    parser.end();
  }
}

async function* viaKysely(db: Kysely<Database>, page: number): AsyncGenerator<StoredLedgerEntry[]> {
  let after: number | null = null;
  for (;;) {
    let q = db.selectFrom('ledger_entries').selectAll().where('seq', 'is not', null);
    if (after !== null) q = q.where('seq', '>', after);
    const rows = await q.orderBy('seq').limit(page).execute();
    if (rows.length > 0) yield rows.map((r) => ({ entry: rowToEntry(r, r.seq!), leafHash: r.leaf_hash ?? Buffer.alloc(0), chainHash: r.chain_hash ?? Buffer.alloc(0) }));
    if (rows.length < page) return;
    after = rows.at(-1)!.seq!;
  }
}

// ---------------------------------------------------------------------------------------------
// COPY binary format (PostgreSQL docs, "COPY — Binary Format"): 11-byte signature, int32 flags,
// int32 header-extension length (+ extension); tuples of int16 field count then per field an
// int32 length (-1 = NULL) and the field's binary send() representation; trailer int16 -1.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** 2000-01-01T00:00:00Z, the PostgreSQL timestamp epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 2 ** 32;
/** 10000-01-01T00:00:00.000Z: Date#toISOString switches to six-digit years here. */
const ISO_MAX_MS = 253_402_300_800_000;
/** Refused by the canonical encoder (not an ISO timestamp): marks an unrepresentable `at`. */
const BAD_TIME = 'invalid-timestamp';
const MILLIS = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);
const EMPTY = Buffer.alloc(0);

/**
 * Incremental parser of the binary COPY of LEDGER_STREAM_COLUMNS: `push` bytes cut anywhere,
 * `read` up to `max` complete tuples, `end` checks that the trailer arrived and nothing follows.
 */
export class LedgerCopyParser {
  #buf: Buffer = EMPTY;
  #pos = 0;
  #header = false;
  #ended = false;
  // Neighbouring entries share their second: format date and time once per second.
  #secStart = Number.NaN;
  #secPrefix = '';
  // Columns whose values repeat (ids of the few users and organisations, purposes, field names…)
  // decode each distinct value once; see StringCache.
  readonly #category = new StringCache(64);
  readonly #act = new StringCache(256);
  readonly #user = new StringCache(4096);
  readonly #org = new StringCache(1024);
  readonly #purpose = new StringCache(256);
  readonly #basis = new StringCache(256);
  readonly #fieldName = new StringCache(512);
  readonly #fieldSets = new ArrayCache(1024);
  readonly #outcome = new StringCache(64);
  readonly #reason = new StringCache(1024);

  push(chunk: Uint8Array): void {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.#buf = this.#pos < this.#buf.length ? Buffer.concat([this.#buf.subarray(this.#pos), b]) : b;
    this.#pos = 0;
  }

  /** Appends up to `max` complete tuples' entries to `out`; returns how many. */
  read(out: StoredLedgerEntry[], max = Number.POSITIVE_INFINITY): number {
    const buf = this.#buf;
    const end = buf.length;
    if (!this.#header) {
      if (end - this.#pos < 19) return 0;
      if (!buf.subarray(this.#pos, this.#pos + 11).equals(SIGNATURE)) throw new Error('不是 PostgreSQL COPY 二进制格式');
      const ext = buf.readUInt32BE(this.#pos + 15);
      if (end - this.#pos < 19 + ext) return 0;
      this.#pos += 19 + ext;
      this.#header = true;
    }
    let n = 0;
    while (n < max && this.#pos < end) {
      if (this.#ended) throw new Error('COPY 结束标记之后还有数据');
      if (end - this.#pos < 2) break;
      const fields = buf.readInt16BE(this.#pos);
      if (fields === -1) {
        this.#ended = true;
        this.#pos += 2;
        continue;
      }
      if (fields !== FIELD_COUNT) throw new Error(`COPY 行有 ${fields} 个字段，应为 ${FIELD_COUNT}`);
      const next = this.#tuple(buf, this.#pos + 2, end, out);
      if (next < 0) break; // incomplete: wait for more bytes
      this.#pos = next;
      n++;
    }
    return n;
  }

  end(): void {
    if (!this.#ended || this.#pos < this.#buf.length) throw new Error('COPY 输出不完整');
  }

  /** One tuple after its field count; returns the position after it, or -1 if not all here yet. */
  #tuple(buf: Buffer, pos: number, end: number, out: StoredLedgerEntry[]): number {
    // Check the whole tuple is present first (length words only), then decode without checks.
    const start = pos;
    for (let f = 0; f < FIELD_COUNT; f++) {
      if (pos + 4 > end) return -1;
      const len = buf.readInt32BE(pos);
      pos += 4;
      if (len > 0) pos += len;
    }
    if (pos > end) return -1;
    const stop = pos;
    pos = start;
    if (buf.readInt32BE(pos) !== 8) throw new Error('seq 字段格式不符');
    const seq = buf.readInt32BE(pos + 4) * TWO_32 + buf.readUInt32BE(pos + 8);
    pos += 12;
    let at: string | null = null;
    const atLen = buf.readInt32BE(pos);
    pos += 4;
    if (atLen === 8) {
      at = this.#iso(buf, pos);
      pos += 8;
    } else if (atLen !== -1) {
      throw new Error('at 字段格式不符');
    }
    const f = new Cursor(buf, pos);
    const category = f.cached(this.#category);
    const act = f.cached(this.#act);
    const actorUserId = f.cached(this.#user);
    const actorOrgId = f.cached(this.#org);
    const accountableOrgId = f.cached(this.#org);
    const purpose = f.cached(this.#purpose);
    const basis = f.cached(this.#basis);
    const childIds = f.array(null, null);
    const fields = f.array(this.#fieldName, this.#fieldSets);
    const requestId = f.text();
    const outcome = f.cached(this.#outcome);
    const reason = f.cached(this.#reason);
    const leaf = f.bytes();
    const chain = f.bytes();
    if (f.pos !== stop) throw new Error('COPY 行长度不符');
    const entry: LedgerEntry = {
      seq,
      at: at as string, // NULL cannot be stored (NOT NULL); if it were, the encoder refuses it as rowToEntry's path would fail
      category: category as LedgerCategory,
      act: act as string,
      actorUserId,
      actorOrgId,
      accountableOrgId,
      purpose,
      basis,
      childIds: childIds as string[],
      fields: fields as string[],
      requestId,
      outcome: outcome as LedgerOutcome,
      reason,
    };
    out.push({ entry, leafHash: leaf ?? Buffer.alloc(0), chainHash: chain ?? Buffer.alloc(0) });
    return stop;
  }

  /** Date#toISOString of the instant, truncated to the millisecond as pg and PGlite parse it. */
  #iso(buf: Buffer, at: number): string {
    const hi = buf.readInt32BE(at);
    const lo = buf.readUInt32BE(at + 4);
    // ±infinity are INT64_MAX / INT64_MIN.
    if ((hi === 0x7fffffff && lo === 0xffffffff) || (hi === -0x80000000 && lo === 0)) return BAD_TIME;
    const ms = Math.floor((hi * TWO_32 + lo) / 1000) + PG_EPOCH_MS;
    if (!(ms >= 0 && ms < ISO_MAX_MS)) {
      const d = new Date(ms);
      return Number.isNaN(d.getTime()) ? BAD_TIME : d.toISOString();
    }
    const sec = ms - (ms % 1000);
    if (sec !== this.#secStart) {
      this.#secStart = sec;
      this.#secPrefix = new Date(sec).toISOString().slice(0, 20); // "YYYY-MM-DDTHH:mm:ss."
    }
    return this.#secPrefix + MILLIS[ms - sec]!;
  }
}

/** Reads the variable-length fields of one tuple already known to be complete. */
class Cursor {
  constructor(private readonly buf: Buffer, public pos: number) {}

  text(): string | null {
    const n = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    if (n < 0) return null;
    const from = this.pos;
    this.pos += n;
    return decode(this.buf, from, this.pos);
  }

  cached(cache: StringCache): string | null {
    const n = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    if (n < 0) return null;
    const from = this.pos;
    this.pos += n;
    return cache.get(this.buf, from, this.pos);
  }

  bytes(): Buffer | null {
    const n = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    if (n < 0) return null;
    const from = this.pos;
    this.pos += n;
    // Buffer.from(arrayBuffer, …) is a cheaper view than subarray(); it keeps the chunk alive, which is fine.
    return Buffer.from(this.buf.buffer, this.buf.byteOffset + from, n);
  }

  /**
   * text[] in array_send() form: ndim, has-null flag, element type, (size, lower bound) per
   * dimension, then each element length-prefixed. node-postgres ignores lower bounds; so do we.
   */
  array(elements: StringCache | null, sets: ArrayCache | null): unknown[] | null {
    const buf = this.buf;
    const n = buf.readInt32BE(this.pos);
    this.pos += 4;
    if (n < 0) return null;
    const from = this.pos;
    const stop = from + n;
    this.pos = stop;
    const hit = sets?.get(buf, from, stop);
    if (hit) return hit;
    let p = from;
    const ndim = buf.readInt32BE(p);
    p += 12;
    let count = ndim === 0 ? 0 : 1;
    for (let d = 0; d < ndim; d++, p += 8) count *= buf.readInt32BE(p);
    const items: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const len = buf.readInt32BE(p);
      p += 4;
      if (len < 0) {
        items.push(null); // node-postgres parses a NULL element as null; the encoder refuses it
      } else {
        items.push(elements ? elements.get(buf, p, p + len) : decode(buf, p, p + len));
        p += len;
      }
    }
    if (p !== stop) throw new Error('text[] 字段格式不符');
    // Multi-dimensional arrays parse to nested arrays in node-postgres, which the encoder refuses.
    const result = ndim <= 1 ? items : [items];
    sets?.set(buf, from, stop, result);
    return result;
  }
}

/** UTF-8 to string; ASCII (ids, field names, timestamps) takes the one-byte-per-char path. */
function decode(buf: Buffer, from: number, to: number): string {
  for (let i = from; i < to; i++) {
    if (buf[i]! > 0x7f) return buf.toString('utf8', from, to);
  }
  return (buf as unknown as FastSlices).latin1Slice(from, to);
}

/** Buffer's native slice decoder (what toString('latin1', …) calls after its argument checks). */
interface FastSlices { latin1Slice(from: number, to: number): string }

/**
 * Slot hash over the length and at most 12 sampled bytes (the first 4 and the last 8, where ids
 * differ); the full comparison on a hit keeps it exact, so a weak hash only costs a miss.
 */
function slotHash(buf: Buffer, from: number, to: number): number {
  let h = Math.imul(0x811c9dc5 ^ (to - from), 0x01000193);
  const head = Math.min(to, from + 4);
  for (let i = from; i < head; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  for (let i = Math.max(head, to - 8); i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Buffer, buf: Buffer, from: number, to: number): boolean {
  const n = to - from;
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== buf[from + i]) return false;
  return true;
}

/**
 * Direct-mapped cache from bytes to the decoded string: a hit is confirmed byte for byte, so a
 * collision only costs a decode, never a wrong value. Spares the allocation (and the garbage
 * collector) for values that repeat across millions of entries.
 */
class StringCache {
  readonly #keys: Array<Buffer | undefined>;
  readonly #values: string[];
  readonly #mask: number;
  constructor(size: number) {
    this.#keys = new Array<Buffer | undefined>(size).fill(undefined);
    this.#values = new Array<string>(size).fill('');
    this.#mask = size - 1;
  }

  get(buf: Buffer, from: number, to: number): string {
    if (to - from > 256) return decode(buf, from, to);
    const slot = slotHash(buf, from, to) & this.#mask;
    const key = this.#keys[slot];
    if (key !== undefined && sameBytes(key, buf, from, to)) return this.#values[slot]!;
    const s = decode(buf, from, to);
    this.#keys[slot] = Buffer.from(buf.subarray(from, to));
    this.#values[slot] = s;
    return s;
  }
}

/** The same for whole arrays (`fields` repeats a handful of sets). Shared arrays: read-only. */
class ArrayCache {
  readonly #keys: Array<Buffer | undefined>;
  readonly #values: unknown[][];
  readonly #mask: number;
  constructor(size: number) {
    this.#keys = new Array<Buffer | undefined>(size).fill(undefined);
    this.#values = new Array<unknown[]>(size).fill([]);
    this.#mask = size - 1;
  }

  get(buf: Buffer, from: number, to: number): unknown[] | undefined {
    if (to - from > 512) return undefined;
    const slot = slotHash(buf, from, to) & this.#mask;
    const key = this.#keys[slot];
    return key !== undefined && sameBytes(key, buf, from, to) ? this.#values[slot] : undefined;
  }

  set(buf: Buffer, from: number, to: number, value: unknown[]): void {
    if (to - from > 512) return;
    const slot = slotHash(buf, from, to) & this.#mask;
    this.#keys[slot] = Buffer.from(buf.subarray(from, to));
    this.#values[slot] = value;
  }
}
