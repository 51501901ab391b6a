import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { OrgType, Role } from '@hutong/core';
import type { Actor } from '../shared/http/actor.ts';
import { NATIONWIDE } from '../access/jurisdiction.ts';

/** The operating-system account running `hutong`: the ledger names it as cli:<user>. */
export function osUsername(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * An Actor for work done at the server's console. Whoever can run the CLI already holds the data
 * directory and the key file, so the CLI acts as an officer of the named org (or as an admin for
 * account work); what it does is still ledgered under the OS user's name.
 */
export function cliActor(org: { id: string; type: string; regionCode: string } | null, role: Role = org ? 'civil_affairs_officer' : 'admin', username = osUsername()): Actor {
  return {
    userId: `cli:${username}`, username, displayName: `命令行（${username}）`, role,
    orgId: org?.id ?? null, orgType: (org?.type as OrgType | undefined) ?? null, orgRegion: org?.regionCode ?? null,
    jurisdiction: org?.regionCode ?? NATIONWIDE, via: 'cli', requestId: randomUUID(),
  };
}
