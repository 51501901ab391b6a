import type { OrgType, Role } from '@hutong/core';

/** Who is acting: resolved once per request by the auth hook, passed to every service call. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgId: string | null;
  readonly orgType: OrgType | null;
  readonly orgRegion: string | null;
  /** 12-digit region code: the root of the subtree this user may see (第三十六条 least privilege). */
  readonly jurisdiction: string;
  readonly via: 'session' | 'token' | 'cli';
  readonly requestId: string;
}
