import type { Kysely } from 'kysely';
import { PURPOSES_CATALOGUE, isPurposeCode, type PurposeDefinition, type PurposesCatalogue, type PurposeCode } from '@hutong/core';
import type { Database } from '../shared/db/schema.ts';

export interface PurposeVersion {
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  updatedByName: string | null;
  changeNote: string | null;
}

/**
 * The catalogue in force: the seeded definitions overlaid with the officers' edits. Held in
 * memory because every decision reads it; `reload()` after an edit. One server process owns a
 * database (the lock file for PGlite; one writer is the deployment rule for PostgreSQL).
 */
export class PurposesStore {
  private catalogue: PurposesCatalogue = PURPOSES_CATALOGUE;
  private versions = new Map<PurposeCode, PurposeVersion>();

  constructor(private readonly db: Kysely<Database>) {}

  current(): PurposesCatalogue {
    return this.catalogue;
  }

  version(code: PurposeCode): PurposeVersion {
    return this.versions.get(code) ?? { version: 0, updatedAt: null, updatedBy: null, updatedByName: null, changeNote: null };
  }

  async reload(): Promise<void> {
    const rows = await this.db.selectFrom('purposes').leftJoin('users', 'users.id', 'purposes.updated_by').selectAll('purposes').select('users.display_name').execute();
    const next: Record<string, PurposeDefinition> = { ...PURPOSES_CATALOGUE };
    const versions = new Map<PurposeCode, PurposeVersion>();
    for (const r of rows) {
      if (!isPurposeCode(r.code)) continue;
      const def = (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as PurposeDefinition;
      next[r.code] = deepFreeze(def);
      versions.set(r.code, { version: r.version, updatedAt: new Date(r.updated_at as unknown as string).toISOString(), updatedBy: r.updated_by, updatedByName: r.display_name, changeNote: r.change_note });
    }
    this.catalogue = Object.freeze(next) as PurposesCatalogue;
    this.versions = versions;
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
