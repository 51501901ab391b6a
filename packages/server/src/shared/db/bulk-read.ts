import type { PGlite } from '@electric-sql/pglite';
import type { Kysely, PostgresPool } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Engine } from './create-db.ts';

/**
 * Reading many rows fast, for the few jobs that must (ledger verification over millions of
 * entries). Row-by-row decoding through Kysely costs ~30k rows/s on PGlite and ~150k rows/s on
 * PostgreSQL; `COPY … TO … (FORMAT binary)` hands over the raw tuples and the caller decodes only
 * what it needs. Nothing here writes.
 */
export interface BulkReader {
  readonly engine: Engine;
  /**
   * `COPY (<select>) TO … WITH (FORMAT binary)`: the COPY bytes (header, tuples, trailer) in
   * chunks whose boundaries may fall anywhere, even inside a field. `select` is inlined into the
   * COPY statement (COPY takes no bind parameters): build it from constants and validated numbers
   * only. On PGlite the whole result arrives as one chunk, so page with LIMIT.
   */
  copyOutBinary(select: string): AsyncIterable<Uint8Array>;
}

const readers = new WeakMap<object, BulkReader>();

/** The bulk reader of a Kysely instance made by createDb; undefined for transactions and others. */
export function bulkReaderOf(db: Kysely<any>): BulkReader | undefined {
  return readers.get(db);
}

export function registerBulkReader(db: Kysely<any>, reader: BulkReader): void {
  readers.set(db, reader);
}

const copyStatement = (select: string) => `COPY (${select}) TO STDOUT WITH (FORMAT binary)`;

export function postgresBulkReader(pool: pg.Pool): BulkReader {
  return {
    engine: 'postgres',
    async *copyOutBinary(select) {
      const client = await pool.connect();
      let done = false;
      try {
        const stream = client.query(copyTo(copyStatement(select)));
        for await (const chunk of stream) yield chunk as Buffer;
        done = true;
      } finally {
        // A consumer that stops early leaves the connection mid-COPY: discard it, never reuse it.
        client.release(done ? undefined : true);
      }
    },
  };
}

/**
 * PGlite writes COPY output to its virtual device /dev/blob and returns it as a Blob. The pool's
 * client is held meanwhile so the COPY cannot run inside another request's transaction.
 */
export function pgliteBulkReader(pglite: PGlite, pool: PostgresPool): BulkReader {
  return {
    engine: 'pglite',
    async *copyOutBinary(select) {
      const client = await pool.connect();
      let bytes: Uint8Array;
      try {
        const res = await pglite.query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`);
        if (!res.blob) throw new Error('PGlite returned no COPY output');
        bytes = new Uint8Array(await res.blob.arrayBuffer());
      } finally {
        client.release();
      }
      yield bytes;
    },
  };
}
