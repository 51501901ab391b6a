import { randomUUID } from 'node:crypto';
import { errors } from '@hutong/core';
import type { Insertable } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import type { IncidentEventsTable, IncidentEvidenceTable, IncidentsTable } from '../shared/db/schema.ts';
import { appendLedgerMany } from '../ledger/ledger-append.ts';
import { engineFor } from '../redact/redact-engine.ts';
import { resolveIncidentRefs } from '../registry/incident-child.service.ts';
import { sm3 } from '../shared/crypto/sm3.ts';
import { assertManages } from './incident-access.ts';
import { excerptsOf } from './incident-excerpt.ts';
import { ACT_SUMMARY, incidentRecord, incidentUseRecord } from './incident.ledger.ts';
import { addEvents, existingKeys, insertIncidents } from './incident.repo.ts';
import type { IngestBody, IngestResult } from './incident.schema.ts';

/**
 * Hits become incidents (第五条): each reference is resolved to a registered child in the
 * ingesting person's jurisdiction, the same (source, post, child) is registered once, and for each
 * new incident the owning org is told — the incident appears on its list and home page — in the
 * same transaction as the ledger entries. Post texts, when given, serve only to compute the SM3
 * and the processed excerpt; they are dropped when this function returns.
 */
const postKey = (id: string | number) => String(id);

function postsById(posts: IngestBody['posts']): Map<string, { url?: string | undefined; text: string }> {
  const out = new Map<string, { url?: string | undefined; text: string }>();
  const dup: string[] = [];
  for (const p of posts ?? []) {
    const k = postKey(p.id);
    if (out.has(k)) dup.push(k);
    out.set(k, { url: p.url, text: p.text });
  }
  if (dup.length) throw errors.validation([{ field: 'posts', message: `帖子编号重复：${[...new Set(dup)].slice(0, 5).join('、')}` }]);
  return out;
}

function evidenceRows(incidentId: string, hit: IngestBody['hits'][number], post: { text: string } | undefined): Insertable<IncidentEvidenceTable>[] {
  if (!post) return [{ incident_id: incidentId, position: 0, kinds: [...new Set(hit.evidence.map((e) => e.kind))], excerpt: null, post_sm3: null }];
  const digest = sm3(Buffer.from(post.text, 'utf8')).toString('hex');
  const excerpts = excerptsOf(engineFor(), post.text, hit.evidence);
  if (!excerpts.length) return [{ incident_id: incidentId, position: 0, kinds: [...new Set(hit.evidence.map((e) => e.kind))], excerpt: null, post_sm3: digest }];
  return excerpts.map((e, position) => ({ incident_id: incidentId, position, kinds: e.kinds, excerpt: e.excerpt, post_sm3: digest }));
}

export async function ingestHits(ctx: AppContext, actor: Actor, body: IngestBody): Promise<IngestResult> {
  assertManages(actor);
  const posts = postsById(body.posts);
  const resolved = await resolveIncidentRefs(ctx, actor, body.hits.map((h) => h.child));
  const existing = await existingKeys(ctx.db, body.source.name, body.hits.flatMap((h) => {
    const c = resolved.get(h.child);
    return c ? [{ postId: postKey(h.id), childId: c.childId }] : [];
  }));

  const now = new Date();
  let unresolved = 0, duplicates = 0;
  const seen = new Set<string>();
  const rows: Insertable<IncidentsTable>[] = [];
  const evidence: Insertable<IncidentEvidenceTable>[] = [];
  for (const hit of body.hits) {
    const child = resolved.get(hit.child);
    if (!child) {
      unresolved++;
      continue;
    }
    const key = `${postKey(hit.id)}\u0000${child.childId}`;
    if (existing.has(key) || seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const id = randomUUID();
    const post = posts.get(postKey(hit.id));
    rows.push({
      id, status: 'open', source_kind: body.source.kind, source_name: body.source.name, post_id: postKey(hit.id), url: post?.url ?? null,
      child_id: child.childId, child_ref: hit.child, owner_org_id: child.ownerOrgId, child_region_code: child.regionCode,
      flags: [...new Set(hit.flags)], score: hit.score, package_version: body.packageVersion ?? null,
      ingest_org_id: actor.orgId!, ingested_by: actor.userId, detected_at: now, updated_at: now,
    });
    evidence.push(...evidenceRows(id, hit, post));
  }

  const created = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertIncidents(trx, rows, evidence);
    const made = rows.filter((r) => inserted.has(r.id!));
    duplicates += rows.length - made.length;
    const events: Insertable<IncidentEventsTable>[] = made.flatMap((r) => [
      { incident_id: r.id!, at: now, act: 'incident_open', by_user: actor.userId, summary: `${ACT_SUMMARY.incident_open}：${body.source.name}，帖子 ${r.post_id}` },
      { incident_id: r.id!, at: now, act: 'incident_owner_told', by_user: actor.userId, summary: ACT_SUMMARY.incident_owner_told },
    ]);
    await addEvents(trx, events);
    const digests = new Map(evidence.filter((e) => e.post_sm3).map((e) => [e.incident_id, e.post_sm3!]));
    const byOrg = new Map<string, string[]>();
    for (const r of made) byOrg.set(r.owner_org_id, [...(byOrg.get(r.owner_org_id) ?? []), r.child_id]);
    const detail = `source:${body.source.kind};hits:${body.hits.length};created:${made.length};duplicates:${duplicates};unresolved:${unresolved}${body.packageVersion ? `;package:${body.packageVersion}` : ''}`;
    await appendLedgerMany(trx, [
      incidentRecord(actor, 'incident_ingest', { detail }),
      // Resolving a reference is a use of the child's screening prints, by owning org.
      ...[...byOrg].map(([org, childIds]) => incidentUseRecord(actor, { childIds, ownerOrgId: org, reason: 'incident_resolve' })),
      ...made.flatMap((r) => [
        incidentRecord(actor, 'incident_open', {
          incidentId: r.id!, childId: r.child_id, ownerOrgId: r.owner_org_id,
          detail: `source:${r.source_kind};flags:${(r.flags as string[]).join(',') || '-'}${digests.has(r.id!) ? `;post_sm3:${digests.get(r.id!)}` : ''}`,
        }),
        incidentRecord(actor, 'incident_owner_told', { incidentId: r.id!, childId: r.child_id, ownerOrgId: r.owner_org_id, detail: `owner:${r.owner_org_id}` }),
      ]),
    ]);
    return made.map((r) => r.id!);
  });
  return { created: created.length, duplicates, unresolved, incidents: created };
}
