import { can, errors } from '@hutong/core';
import { getDivisions } from '@hutong/divisions';
import type { RegistryTerms } from '@hutong/redact';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { DUTY_BASIS, processingRecord } from './registry.ledger.ts';
import { openChildKey, openField } from './child-cipher.ts';
import * as repo from './children.repo.ts';

/** Field names the read decrypts; the ledger names exactly these (never a value). */
export const REGISTRY_TERM_FIELDS = ['name', 'guardianName', 'school', 'regionCode'] as const;
export const REGISTRY_TERMS_REASON = 'redact_registry_terms';

export interface RegistryTermsResult {
  readonly terms: RegistryTerms;
  /** How many children the terms come from (for the CLI summary; not the terms themselves). */
  readonly children: number;
}

const PAGE = 2000;
/** Names shorter than this match inside ordinary words (a one-character 名 is not a term). */
const MIN_TERM = 2;

/**
 * The registry detector's input: the names of the children the actor can reach through the one
 * door (jurisdiction subtree ∧ org line, `child.read` required — a reviewer without it is refused,
 * since a match would tell them who is registered), their guardians' names, their schools and
 * the villages/communities of their region codes. Each page read is one 使用 ledger entry with
 * the field names only. The terms stay in memory for the one redaction that asked for them.
 */
export async function registryTermsFor(ctx: AppContext, actor: Actor): Promise<RegistryTermsResult> {
  if (!can(actor.role, 'child.read') || !actor.orgId) {
    await appendLedger(ctx.db, processingRecord(actor, { act: 'use', fields: [...REGISTRY_TERM_FIELDS], outcome: 'denied', reason: REGISTRY_TERMS_REASON }));
    throw errors.forbidden(actor.orgId
      ? '按名册匹配须有查阅名册的权限（child.read）：匹配结果会透露某人是否在册。请不加名册匹配处理，或请本机构有名册权限的人员处理'
      : '您的账号未归属任何机构，没有可用于匹配的名册', '《未成年人网络保护条例》第三十六条');
  }
  const persons = new Set<string>(), schools = new Set<string>(), places = new Set<string>();
  const divisions = getDivisions();
  const add = (set: Set<string>, v: string | undefined) => {
    const t = v?.trim();
    if (t && [...t].length >= MIN_TERM) set.add(t);
  };
  let children = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = await repo.listChildren(ctx.db, actor, { tokenFilters: [], limit: PAGE, offset });
    const live = rows.filter((r) => r.data_key_wrapped);
    const ciphers = new Map(live.map((r) => [r.id, openChildKey(ctx.keyring, r.id, r.data_key_wrapped!, r.master_key_version!)]));
    for (const r of live) {
      const cipher = ciphers.get(r.id)!;
      add(persons, openField(cipher, 'children', r.id, r.fields_enc, 'name'));
      add(schools, openField(cipher, 'children', r.id, r.fields_enc, 'school'));
      const village = r.region_code.endsWith('000') ? undefined : divisions.get(r.region_code);
      if (village) {
        add(places, village.name);
        add(places, village.shortName);
      }
    }
    for (const g of await repo.guardiansOfChildren(ctx.db, live.map((r) => r.id))) {
      const cipher = ciphers.get(g.child_id);
      if (cipher) add(persons, openField(cipher, 'guardians', g.id, g.fields_enc, 'guardianName'));
    }
    children += live.length;
    if (live.length) {
      await appendLedger(ctx.db, processingRecord(actor, {
        act: 'use', childIds: live.map((r) => r.id), fields: [...REGISTRY_TERM_FIELDS], basis: DUTY_BASIS, outcome: 'allowed', reason: REGISTRY_TERMS_REASON,
      }));
    }
    if (rows.length < PAGE) break;
  }
  return { terms: { persons: [...persons], schools: [...schools], places: [...places] }, children };
}
