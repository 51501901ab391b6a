import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.ts';
import * as m0002 from './0002-consents.ts';
import * as m0003 from './0003-emergency-access.ts';
import * as m0004 from './0004-purposes-and-will.ts';
import * as m0005 from './0005-sharing.ts';
import * as m0006 from './0006-publication.ts';
import * as m0007 from './0007-screening.ts';
import * as m0008 from './0008-incidents.ts';

/** Listed, not globbed, so migrations run the same under tsx, vitest and a bundler. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-consents': m0002,
  '0003-emergency-access': m0003,
  '0004-purposes-and-will': m0004,
  '0005-sharing': m0005,
  '0006-publication': m0006,
  '0007-screening': m0007,
  '0008-incidents': m0008,
};
