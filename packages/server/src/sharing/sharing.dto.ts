import type { z } from 'zod';
import { PURPOSE_CODES, type PurposeCode } from '@hutong/core';
import type { AgreementRow } from './sharing.queries.ts';
import type { agreementDtoSchema, grantDtoSchema } from './sharing.schema.ts';

export type AgreementDto = z.infer<typeof agreementDtoSchema>;
export type GrantDto = z.infer<typeof grantDtoSchema>;

export const purposeLabel = (p: string) => PURPOSE_CODES[p as PurposeCode] ?? p;

/** A grant runs out on the day after its end date, whatever its status says. */
export function isExpired(r: Pick<AgreementRow, 'status' | 'granted_ends_on'>, today: string): boolean {
  return r.status === 'approved' && r.granted_ends_on !== null && r.granted_ends_on < today;
}

/** `grantedIds`: the children named in the grant, or null when it was granted by criteria. */
export function toAgreementDto(r: AgreementRow, today: string, grantedIds: string[] | null): AgreementDto {
  const decided = r.decided_at && r.decided_by;
  return {
    id: r.id,
    status: r.status,
    expired: isExpired(r, today),
    requesterOrg: { id: r.requester_org_id, name: r.requester_org_name, type: r.requester_org_type },
    ownerOrg: { id: r.owner_org_id, name: r.owner_org_name, type: r.owner_org_type },
    purpose: r.purpose,
    purposeLabel: purposeLabel(r.purpose),
    children: {
      ...(r.child_ids.length ? { childIds: r.child_ids } : {}),
      ...(r.region_code ? { regionCode: r.region_code } : {}),
      ...(r.category ? { category: r.category } : {}),
    },
    fields: r.fields,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    activityEndsOn: r.activity_ends_on,
    securityMeasures: r.security_measures,
    responsiblePerson: r.responsible_person,
    requestedBy: { id: r.requested_by, displayName: r.requested_by_name },
    requestedAt: r.requested_at.toISOString(),
    decision: decided ? {
      by: { id: r.decided_by!, displayName: r.decided_by_name ?? '' },
      at: r.decided_at!.toISOString(),
      note: r.decision_note,
      narrowed: r.narrowed ?? false,
      impactAssessment: r.impact_assessment,
    } : null,
    granted: r.granted_fields && r.granted_ends_on ? {
      fields: r.granted_fields,
      endsOn: r.granted_ends_on,
      childIds: r.granted_named ? grantedIds ?? [] : null,
      childCount: r.granted_child_count ?? 0,
    } : null,
    revoked: r.revoked_at && r.revoked_by ? {
      by: { id: r.revoked_by, displayName: r.revoked_by_name ?? '' },
      at: r.revoked_at.toISOString(),
      reason: r.revoke_reason ?? '',
    } : null,
  };
}

export function toGrantDto(r: AgreementRow): GrantDto {
  return {
    agreementId: r.id, ownerOrg: { id: r.owner_org_id, name: r.owner_org_name }, purpose: r.purpose, purposeLabel: purposeLabel(r.purpose),
    fields: r.granted_fields ?? [], endsOn: r.granted_ends_on ?? r.ends_on, childCount: r.granted_child_count ?? 0,
  };
}
