import type { z } from 'zod';
import { PUBLICATION_AUDIENCES, PUBLICATION_CHANNELS, PUBLICATION_KINDS, PURPOSE_CODES } from '@hutong/core';
import type { DraftRecord, FindingView, PublicationRecord } from './publication-record.ts';
import type { FileRow, PublicationRow } from './publication.repo.ts';
import type { publicationDtoSchema, publicationItemSchema } from './publication.schema.ts';

export type PublicationItem = z.infer<typeof publicationItemSchema>;
export type PublicationDto = z.infer<typeof publicationDtoSchema>;
export type Viewer = 'submitter' | 'reviewer';

const label = (o: Record<string, string>, k: string) => o[k] ?? k;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toItem(r: PublicationRow): PublicationItem {
  return {
    id: r.id, title: r.title, kind: r.kind, kindLabel: label(PUBLICATION_KINDS, r.kind), channel: r.channel, channelLabel: label(PUBLICATION_CHANNELS, r.channel),
    audience: r.audience, audienceLabel: label(PUBLICATION_AUDIENCES, r.audience), purpose: r.purpose, purposeLabel: label(PURPOSE_CODES, r.purpose),
    status: r.status, outcome: r.outcome, revisionOf: r.revision_of, submittedBy: { id: r.submitted_by, displayName: r.submitter_name },
    submitterOrg: { id: r.submitter_org_id, name: r.org_name, type: r.org_type }, regionCode: r.region_code,
    submittedAt: iso(r.submitted_at)!, updatedAt: iso(r.updated_at)!, fileCount: Number(r.file_count), linkedChildren: Number(r.linked),
  };
}

/** Raw words go to reviewers only, and only while the draft exists; a submitter sees what the record shows. */
function withText(f: FindingView, draft: DraftRecord | null, viewer: Viewer) {
  const text = viewer === 'reviewer' ? draft?.texts[f.id] : undefined;
  return text === undefined ? f : { ...f, text };
}

export function toDto(r: PublicationRow, files: readonly FileRow[], record: PublicationRecord, draft: DraftRecord | null, viewer: Viewer, abilities: PublicationDto['abilities']): PublicationDto {
  const views = new Map(record.files.map((v) => [v.position, v]));
  const adjust = new Map((draft?.adjust ?? []).map((a) => [a.id, a]));
  return {
    ...toItem(r),
    viewer,
    decision: r.decided_at ? { by: { id: r.decided_by ?? '', displayName: r.decider_name ?? '' }, at: iso(r.decided_at)!, note: r.decision_note, reasons: r.return_reasons ?? [] } : null,
    manifestSm3: r.manifest_sm3,
    draft: { available: r.draft_purged_at === null, destroyAfter: iso(r.draft_purge_after), destroyedAt: iso(r.draft_purged_at) },
    titleFindings: record.titleFindings.map((f) => withText(f, draft, viewer)),
    files: files.map((f) => {
      const v = views.get(f.position);
      return {
        name: f.name, role: f.role, mediaType: f.media_type, originalSize: f.original_size, processedSize: f.processed_size, processedSm3: f.processed_sm3,
        ...(v?.transcriptOf ? { transcriptOf: v.transcriptOf } : {}),
        findings: (v?.findings ?? []).map((x) => withText(x, draft, viewer)), omitted: v?.omitted ?? 0, counts: v?.counts ?? {},
        ...(v?.metadataRemoved ? { metadataRemoved: v.metadataRemoved } : {}), ...(v?.voiceAltered ? { voiceAltered: v.voiceAltered } : {}),
        ...(v?.durationSeconds !== undefined ? { durationSeconds: v.durationSeconds } : {}), ...(v?.width !== undefined ? { width: v.width, height: v.height! } : {}),
        ...(v?.warnings ? { warnings: v.warnings } : {}), ...(v?.embeddedMedia ? { embeddedMedia: v.embeddedMedia } : {}),
        downloads: { processed: f.processed_enc !== null, original: f.original_enc !== null },
      };
    }),
    checks: record.checks.map(({ elementIds, ...c }) => ({ ...c, ...(elementIds ? { elementIds: [...elementIds] } : {}) })),
    children: record.children.map((c) => ({ ...c, needs: c.needs.map((n) => ({ ...n })) })),
    ...(viewer === 'reviewer' && draft ? {
      terms: draft.terms.map((t) => ({ id: t.id, type: t.type, text: t.text, sources: t.sources, ...(adjust.has(t.id) ? { action: adjust.get(t.id)!.action, reason: adjust.get(t.id)!.reason } : {}) })),
      additions: draft.added.map((a) => ({ id: a.id, type: a.type, text: a.text, reason: a.reason })),
    } : {}),
    adjustments: record.adjustments,
    abilities,
  };
}
