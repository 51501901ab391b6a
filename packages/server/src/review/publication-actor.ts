import { randomUUID } from 'node:crypto';
import { errors } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { PRINCIPAL_COLUMNS, toActor, toPrincipal, type PrincipalRow } from '../auth/principal.ts';

/**
 * `hutong review … --as <username>`: submitting and reviewing are personal acts (a submitter may
 * not approve their own), so the command acts as a named account with that account's role, org
 * and jurisdiction — not as the OS user. The ledger names it cli:<username>. Whoever runs the
 * CLI already holds the data directory and the key file (import/cli-actor.ts).
 */
export async function actorForUsername(ctx: AppContext, username: string): Promise<Actor> {
  const row = await ctx.db.selectFrom('users as u').leftJoin('orgs as o', 'o.id', 'u.org_id')
    .select(PRINCIPAL_COLUMNS).where('u.username', '=', username).executeTakeFirst();
  const p = row ? toPrincipal(row as PrincipalRow) : null;
  if (!p) throw errors.notFound(`用户“${username}”`);
  if (p.disabled) throw errors.forbidden(`用户“${username}”已停用`);
  return toActor(p, 'cli', randomUUID());
}
