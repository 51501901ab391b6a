import { NOTICE_ARTICLES, type IncidentItem, type NoticeDto } from './incident.schema.ts';
import { noticeLegalBasis } from './incident-letters.ts';
import type { IncidentRow, noticesOf } from './incident.repo.ts';

type NoticeRow = Awaited<ReturnType<typeof noticesOf>>[number];

const iso = (d: Date | string) => new Date(d).toISOString();

export function isOverdue(row: Pick<IncidentRow, 'status' | 'due_at'>, now: Date): boolean {
  return row.status === 'notified' && row.due_at !== null && new Date(row.due_at).getTime() < now.getTime();
}

export function toItem(row: IncidentRow, maskedName: string | null, now: Date): IncidentItem {
  return {
    id: row.id,
    status: row.status,
    child: { ref: row.child_ref, maskedName, ownerOrgName: row.owner_org_name },
    source: { kind: row.source_kind, name: row.source_name },
    postId: row.post_id,
    ...(row.url ? { url: row.url } : {}),
    flags: row.flags.filter((f): f is 'label' | 'exploit' => f === 'label' || f === 'exploit'),
    score: row.score,
    detectedAt: iso(row.detected_at),
    ...(row.due_at ? { dueAt: iso(row.due_at) } : {}),
    overdue: isOverdue(row, now),
    breach: row.has_breach,
  };
}

export function toNotice(n: NoticeRow): NoticeDto {
  return {
    id: n.id, recipient: n.recipient, recipientKind: n.recipient_kind, request: n.request, issuedAt: iso(n.issued_at), dueAt: iso(n.due_at),
    issuedBy: n.issued_by_name, contact: n.contact, articles: [...NOTICE_ARTICLES], legalBasis: noticeLegalBasis(n.recipient_kind),
  };
}
