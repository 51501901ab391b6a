/** Data-sharing agreements between orgs (个人信息保护法 第二十三、五十五条) and the grants they give. */
import { http, type QueryValue } from './client.ts';

export type AgreementStatus = 'requested' | 'approved' | 'refused' | 'revoked';

export interface OrgRef { id: string; name: string; type?: string }
export interface UserRef { id: string; displayName: string }

export interface ImpactAssessment { necessity: string; impact: string; risks: string; measures: string; conclusion: string }

export interface ChildCriteria { childIds?: string[]; regionCode?: string; category?: string }

export interface ResponsiblePerson { name: string; title: string; phone: string }

export interface Agreement {
  id: string;
  status: AgreementStatus;
  expired: boolean;
  requesterOrg: OrgRef;
  ownerOrg: OrgRef;
  purpose: string;
  purposeLabel?: string;
  children: ChildCriteria;
  fields: string[];
  startsOn: string;
  endsOn: string;
  activityEndsOn: string | null;
  securityMeasures: string;
  responsiblePerson: ResponsiblePerson;
  requestedBy: UserRef;
  requestedAt: string;
  decision: null | { by: UserRef; at: string; note: string | null; narrowed: boolean; impactAssessment: ImpactAssessment | null };
  granted: null | { fields: string[]; endsOn: string; childIds: string[] | null; childCount: number };
  revoked: null | { by: UserRef; at: string; reason: string };
}

export interface NewAgreement {
  ownerOrgId: string;
  purpose: string;
  children: ChildCriteria;
  fields: string[];
  startsOn: string;
  endsOn: string;
  activityEndsOn?: string;
  securityMeasures: string;
  responsiblePerson: ResponsiblePerson;
}

export interface Approval {
  fields?: string[];
  endsOn?: string;
  childIds?: string[];
  impactAssessment: ImpactAssessment;
  note?: string;
}

export interface Grant {
  agreementId: string;
  ownerOrg: OrgRef;
  purpose: string;
  purposeLabel?: string;
  fields: string[];
  endsOn: string;
  childCount: number;
}

export interface Withheld { field: string; reason: string; article?: string }

export interface GrantChild { id: string; fields: Record<string, string | null>; withheld: Withheld[] }

export interface GrantChildrenPage { items: GrantChild[]; total: number; endsOn: string }

const at = (id: string) => `/sharing-agreements/${encodeURIComponent(id)}`;

export const sharingApi = {
  list: async (box: 'outgoing' | 'incoming', status?: AgreementStatus, signal?: AbortSignal) =>
    (await http.get<{ items: Agreement[] }>('/sharing-agreements', { box, status } as Record<string, QueryValue>, signal)).items,
  get: (id: string) => http.get<Agreement>(at(id)),
  create: (body: NewAgreement) => http.post<Agreement>('/sharing-agreements', body),
  approve: (id: string, body: Approval) => http.post<Agreement>(`${at(id)}/approve`, body),
  refuse: (id: string, note: string) => http.post<Agreement>(`${at(id)}/refuse`, { note }),
  revoke: (id: string, reason: string) => http.post<Agreement>(`${at(id)}/revoke`, { reason }),
  grants: async (signal?: AbortSignal) => (await http.get<{ items: Grant[] }>('/grants', undefined, signal)).items,
  /** Every call is a 提供 in the ledger, so it is made only when someone opens the list. */
  grantChildren: (agreementId: string, page: number, pageSize: number, signal?: AbortSignal) =>
    http.get<GrantChildrenPage>(`/grants/${encodeURIComponent(agreementId)}/children`, { page, pageSize }, signal),
};
