import { PURPOSE_CODES } from '@hutong/core';
import type { ConsentNotice } from '../shared/db/schema.ts';

export type ConsentStatus = 'active' | 'withdrawn' | 'expired';

export interface ConsentDto {
  id: string;
  givenBy: 'guardian' | 'child';
  guardianId: string | null;
  guardianRelation: string | null;
  purposes: string[];
  purposeLabels: string[];
  recipientOrgTypes: string[];
  recipientOrgIds: string[];
  fieldClasses: string[];
  separate: boolean;
  givenOn: string;
  validUntil: string | null;
  method: string;
  evidenceSm3: string | null;
  notice: ConsentNotice;
  noticeOfNecessityAndImpact: boolean;
  status: ConsentStatus;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export interface NotificationDto { id: string; guardianId: string | null; notifiedOn: string; method: string; purposes: string[]; content: string }

type ConsentRow = {
  id: string; given_by: 'guardian' | 'child'; guardian_id: string | null; guardian_relation: string | null; purposes: string[];
  recipient_org_types: string[]; recipient_org_ids: string[]; field_classes: string[]; separate: boolean; given_on: string;
  valid_until: string | null; method: string; evidence_sm3: string | null; notice: ConsentNotice; notice_of_necessity_and_impact: boolean;
  withdrawn_at: Date | null; withdrawn_reason: string | null;
};

export function toConsentDto(r: ConsentRow, today: string): ConsentDto {
  const status: ConsentStatus = r.withdrawn_at ? 'withdrawn' : r.valid_until && r.valid_until < today ? 'expired' : 'active';
  return {
    id: r.id, givenBy: r.given_by, guardianId: r.guardian_id, guardianRelation: r.guardian_relation, purposes: r.purposes,
    purposeLabels: r.purposes.map((p) => PURPOSE_CODES[p as keyof typeof PURPOSE_CODES] ?? p),
    recipientOrgTypes: r.recipient_org_types, recipientOrgIds: r.recipient_org_ids, fieldClasses: r.field_classes, separate: r.separate,
    givenOn: r.given_on, validUntil: r.valid_until, method: r.method, evidenceSm3: r.evidence_sm3, notice: r.notice,
    noticeOfNecessityAndImpact: r.notice_of_necessity_and_impact, status,
    withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null, withdrawnReason: r.withdrawn_reason,
  };
}

export function toNotificationDto(r: { id: string; guardian_id: string | null; notified_on: string; method: string; purposes: string[]; content: string }): NotificationDto {
  return { id: r.id, guardianId: r.guardian_id, notifiedOn: r.notified_on, method: r.method, purposes: r.purposes, content: r.content };
}
