import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * A pg.Pool-shaped front for PGlite so Kysely's one Postgres dialect serves both engines.
 * PGlite has a single connection: handing out one client at a time keeps a transaction's
 * statements from interleaving with another request's.
 */
export class PgliteClientPool implements PostgresPool {
  readonly options = {};
  private queue: Array<() => void> = [];
  private busy = false;

  constructor(private readonly pg: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.busy) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.busy = true;
    let released = false;
    return {
      query: (async (sql: string, parameters: readonly unknown[]) => {
        // Parameterless SQL may hold several statements (migrations), which only the simple protocol accepts.
        const res = parameters.length === 0
          ? ((await this.pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await this.pg.query<Record<string, unknown>>(sql, parameters.map(prepareParam), { rowMode: 'object' });
        const rows = (res.rows as Record<string, unknown>[]).map(toBuffers);
        return { command: commandOf(sql), rowCount: res.affectedRows ?? rows.length, rows };
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        const next = this.queue.shift();
        if (next) next();
        else this.busy = false;
      },
    };
  }

  async end(): Promise<void> {
    await this.pg.close();
  }
}

/** Arrays as PostgreSQL array literals, as node-postgres sends them, so SQL behaves the same on both engines. */
function prepareParam(v: unknown): unknown {
  return Array.isArray(v) ? arrayLiteral(v) : v;
}

function arrayLiteral(items: unknown[]): string {
  const parts = items.map((x) => {
    if (x === null || x === undefined) return 'NULL';
    if (Array.isArray(x)) return arrayLiteral(x);
    const s = Buffer.isBuffer(x) ? `\\x${x.toString('hex')}` : String(x);
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

/** node-postgres returns bytea as Buffer; PGlite as Uint8Array. Code above this layer sees Buffer. */
function toBuffers(row: Record<string, unknown>): Record<string, unknown> {
  for (const k in row) {
    const v = row[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}

function commandOf(sql: string): 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'MERGE' {
  const word = sql.trimStart().slice(0, 6).toUpperCase();
  if (word === 'INSERT' || word === 'UPDATE' || word === 'DELETE') return word;
  if (sql.trimStart().toUpperCase().startsWith('MERGE')) return 'MERGE';
  return 'SELECT';
}
