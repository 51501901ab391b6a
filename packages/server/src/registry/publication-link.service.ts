import { sql } from 'kysely';
import { can, errors, maskValue, type ConsentRecord, type GuardianNotice } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { subtreePrefix } from '../access/jurisdiction.ts';
import { basisFactsForMany } from '../consent/consent-records.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import { openChildKey, openField } from './child-cipher.ts';
import { idNumberIndex, nameIndex, schoolIndex } from './child-indexes.ts';
import { processingRecord } from './registry.ledger.ts';

/**
 * Publication review asks the registry one question: is a child this draft names or numbers a
 * registered child, and if so, how old is the child on the day and what consents are on file
 * (第十二、十三条)? The question is asked in the publication's region — the jurisdiction of the
 * reviewers who will see it — whatever org holds the record, by equality on the blind indexes
 * only (ID number, name; a school index corroborates a name). What comes back is the facts the
 * decision needs and a masked name; the values never leave this module in the clear.
 */
export interface LinkTerms {
  readonly idNumbers: readonly string[];
  readonly names: readonly string[];
  readonly schools: readonly string[];
}

export type MatchedBy = 'id_number' | 'name_school' | 'name';

export interface PublicationChildFacts {
  readonly childId: string;
  readonly ownerOrgId: string;
  readonly matchedBy: MatchedBy;
  /** 王* — enough to tell linked children apart, not to learn who they are. */
  readonly maskedName: string | null;
  readonly birthDate: string;
  readonly canExpressWill: boolean;
  readonly consents: ConsentRecord[];
  readonly guardianNotices: GuardianNotice[];
}

/** A draft naming more children than this is a list; the first ones decide, the rest add nothing the reviewer can act on. */
export const MAX_LINKED = 200;
/** Reading a registered child's name and birth date to review a publication (第十三条 同意, 第十四条 技术处理). */
export const LINK_FIELDS = ['name', 'birthDate'] as const;
export const LINK_BASIS = '发布前审核：核对稿件是否涉及在册困境儿童及其同意（《困境儿童个人信息保护工作办法》第十三条、第十四条）';
export const linkReason = (publicationId: string) => `发布审核:${publicationId}`;

function assertMayLink(actor: Actor): void {
  if (!can(actor.role, 'publication.submit') && !can(actor.role, 'publication.review')) {
    throw errors.forbidden('只有发布内容的提交人和审核员可以核对名册', '《未成年人网络保护条例》第三十六条');
  }
}

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

/** Children in the region subtree whose ID number or name token is among the draft's, live only. */
function candidates(ctx: AppContext, regionCode: string) {
  return ctx.db.selectFrom('children')
    .where('children.shredded_at', 'is', null)
    .where('children.region_code', 'like', `${subtreePrefix(regionCode)}%`)
    .select(['children.id', 'children.owner_org_id', 'children.region_code', 'children.data_key_wrapped', 'children.master_key_version', 'children.fields_enc', 'children.can_express_will', 'children.bidx_id_number']);
}

type Candidate = Awaited<ReturnType<ReturnType<typeof candidates>['execute']>>[number];

async function tokensOf(ctx: AppContext, childIds: readonly string[], index: 'name' | 'school'): Promise<Map<string, Buffer[]>> {
  const out = new Map<string, Buffer[]>();
  if (!childIds.length) return out;
  const rows = await ctx.db.selectFrom('child_index_tokens').select(['child_id', 'token'])
    .where('index_name', '=', index).where('child_id', 'in', [...childIds]).execute();
  for (const r of rows) out.set(r.child_id, [...(out.get(r.child_id) ?? []), r.token]);
  return out;
}

/** Decrypts the two fields, joins the consents on file, and ledgers one 使用 per child. */
async function factsOf(ctx: AppContext, actor: Actor, publicationId: string, rows: ReadonlyArray<{ row: Candidate; matchedBy: MatchedBy }>): Promise<PublicationChildFacts[]> {
  if (!rows.length) return [];
  const onFile = await basisFactsForMany(ctx.db, rows.map((r) => r.row.id));
  const out: PublicationChildFacts[] = [];
  for (const { row, matchedBy } of rows) {
    if (!row.data_key_wrapped || row.master_key_version === null) continue;
    const cipher = openChildKey(ctx.keyring, row.id, row.data_key_wrapped, row.master_key_version);
    const birthDate = openField(cipher, 'children', row.id, row.fields_enc, 'birthDate');
    if (!birthDate) continue;
    const facts = onFile.get(row.id);
    out.push({
      childId: row.id, ownerOrgId: row.owner_org_id, matchedBy,
      maskedName: maskValue('name', openField(cipher, 'children', row.id, row.fields_enc, 'name')),
      birthDate, canExpressWill: row.can_express_will, consents: facts?.consents ?? [], guardianNotices: facts?.guardianNotices ?? [],
    });
  }
  await appendLedgerMany(ctx.db, out.map((c) => processingRecord(actor, {
    act: 'use', accountableOrgId: c.ownerOrgId, purpose: 'publicity', basis: LINK_BASIS, childIds: [c.childId],
    fields: [...LINK_FIELDS], outcome: 'allowed', reason: linkReason(publicationId),
  })));
  return out;
}

/**
 * Registered children the draft's detected ID numbers and names point to, in `regionCode`'s
 * subtree. An ID number is a match on its own; a name is a match too (a reviewer would rather
 * ask for a consent that turns out unneeded than publish a registered child unasked), marked
 * stronger when the child's school also appears in the draft.
 */
export async function linkPublicationChildren(ctx: AppContext, actor: Actor, pub: { id: string; regionCode: string }, terms: LinkTerms): Promise<PublicationChildFacts[]> {
  assertMayLink(actor);
  const idTokens = unique(terms.idNumbers).map((n) => idNumberIndex(ctx.keyring, n));
  const nameTokens = unique(terms.names.filter((n) => [...n.trim()].length >= 2)).map((n) => nameIndex(ctx.keyring, n));
  if (!idTokens.length && !nameTokens.length) return [];
  const rows = await candidates(ctx, pub.regionCode)
    .where((eb) => eb.or([
      ...(idTokens.length ? [eb('children.bidx_id_number', 'in', idTokens)] : []),
      ...(nameTokens.length ? [eb.exists(eb.selectFrom('child_index_tokens as t').select(sql.lit(1).as('one'))
        .whereRef('t.child_id', '=', 'children.id').where('t.index_name', '=', 'name').where('t.token', 'in', nameTokens))] : []),
    ]))
    .orderBy('children.id').limit(MAX_LINKED).execute();
  const idSet = new Set(idTokens.map((t) => t.toString('hex')));
  const schoolSet = new Set(unique(terms.schools).map((s) => schoolIndex(ctx.keyring, s).toString('hex')));
  const schools = schoolSet.size ? await tokensOf(ctx, rows.map((r) => r.id), 'school') : new Map<string, Buffer[]>();
  const matched = rows.map((row) => {
    const byId = row.bidx_id_number !== null && idSet.has(Buffer.from(row.bidx_id_number).toString('hex'));
    const bySchool = (schools.get(row.id) ?? []).some((t) => schoolSet.has(Buffer.from(t).toString('hex')));
    return { row, matchedBy: (byId ? 'id_number' : bySchool ? 'name_school' : 'name') as MatchedBy };
  });
  return factsOf(ctx, actor, pub.id, matched);
}

/** The facts of children already linked to a publication, read again for today's decision. */
export async function publicationChildFacts(ctx: AppContext, actor: Actor, pub: { id: string; regionCode: string }, linked: ReadonlyArray<{ childId: string; matchedBy: MatchedBy }>): Promise<PublicationChildFacts[]> {
  assertMayLink(actor);
  if (!linked.length) return [];
  const rows = await candidates(ctx, pub.regionCode).where('children.id', 'in', linked.map((l) => l.childId)).execute();
  const how = new Map(linked.map((l) => [l.childId, l.matchedBy]));
  return factsOf(ctx, actor, pub.id, rows.map((row) => ({ row, matchedBy: how.get(row.id) ?? 'name' })));
}
