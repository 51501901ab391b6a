import { http } from './client.ts';
import type {
  ApiToken, Checkpoint, ChildPatch, ConsentsAnswer, GuardianInput, NewChild, PurposeEnd, PurposeEndEvent, NewConsent, NewNotification, PolicyCheckResult, ChildDetail, ChildSummary, CreatedToken, CreatedUser, InclusionProof, LedgerEntry,
  LoginNext, Me, Org, Page, Region, RegionDetail, TotpEnrolment, User, VerifyResult,
} from './types.ts';

/** Lists come back either bare or as {items}; the console accepts both. */
function items<T>(v: T[] | { items: T[] } | null | undefined): T[] {
  if (Array.isArray(v)) return v;
  return v?.items ?? [];
}

export interface NextStep { next?: LoginNext }

export const authApi = {
  login: (username: string, password: string) => http.post<NextStep>('/auth/login', { username, password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<NextStep | undefined>('/auth/password', { currentPassword, newPassword }),
  enrolTotp: () => http.post<TotpEnrolment>('/auth/totp/enrol'),
  confirmTotp: (code: string) => http.post<NextStep | undefined>('/auth/totp/enrol/confirm', { code }),
  verifyTotp: (code: string) => http.post<NextStep | undefined>('/auth/totp', { code }),
  logout: () => http.post<unknown>('/auth/logout'),
  me: () => http.get<Me>('/auth/me'),
  tokens: async () => items(await http.get<ApiToken[] | { items: ApiToken[] }>('/auth/tokens')),
  createToken: (body: { name: string; expiresInDays: number }) => http.post<CreatedToken>('/auth/tokens', body),
  revokeToken: (id: string) => http.del<unknown>(`/auth/tokens/${encodeURIComponent(id)}`),
};

export const orgsApi = {
  list: async () => items(await http.get<Org[] | { items: Org[] }>('/orgs')),
  create: (body: { name: string; type: string; regionCode: string }) => http.post<Org>('/orgs', body),
  update: (id: string, body: Partial<{ name: string; type: string; regionCode: string }>) =>
    http.patch<Org>(`/orgs/${encodeURIComponent(id)}`, body),
};

export interface NewUser { username: string; displayName: string; orgId: string | null; role: string; jurisdiction?: string }

export const usersApi = {
  list: async () => items(await http.get<User[] | { items: User[] }>('/users')),
  create: (body: NewUser) => http.post<CreatedUser>('/users', body),
  update: (id: string, body: Partial<NewUser> & { disabled?: boolean }) => http.patch<User>(`/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id: string, resetTotp = false) =>
    http.post<{ user?: User; initialPassword: string }>(`/users/${encodeURIComponent(id)}/reset-password`, { resetTotp }),
  unlock: (id: string) => http.post<unknown>(`/users/${encodeURIComponent(id)}/unlock`),
};

export const regionsApi = {
  children: async (parent?: string) => items(await http.get<Region[] | { items: Region[] }>('/regions', { parent })),
  get: (code: string) => http.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`),
  search: async (q: string) => items(await http.get<Region[] | { items: Region[] }>('/regions/search', { q })),
};

export interface ChildQuery {
  q?: string;
  region?: string;
  category?: string;
  school?: string;
  page?: number;
  pageSize?: number;
}

export const childrenApi = {
  list: (query: ChildQuery, signal?: AbortSignal) => http.get<Page<ChildSummary>>('/children', { ...query }, signal),
  get: (id: string, access?: { purpose: string; justification: string }) =>
    http.get<ChildDetail>(`/children/${encodeURIComponent(id)}`, access),
  history: async (id: string) => items(await http.get<{ items: LedgerEntry[] }>(`/children/${encodeURIComponent(id)}/history`)),
  addVisit: (id: string, body: { visitedOn: string; kind: string; notes: string }) =>
    http.post<unknown>(`/children/${encodeURIComponent(id)}/visits`, body),
  create: (body: NewChild) => http.post<{ id: string }>('/children', body),
  update: (id: string, body: ChildPatch) => http.patch<{ id: string; changed: string[] }>(`/children/${encodeURIComponent(id)}`, body),
  addGuardian: (id: string, body: GuardianInput & { purpose?: string }) =>
    http.post<{ id: string }>(`/children/${encodeURIComponent(id)}/guardians`, body),
  updateGuardian: (id: string, guardianId: string, body: Partial<GuardianInput> & { purpose?: string }) =>
    http.patch<{ id: string; changed: string[] }>(`/children/${encodeURIComponent(id)}/guardians/${encodeURIComponent(guardianId)}`, body),
  removeGuardian: (id: string, guardianId: string, reason: string) =>
    http.del<unknown>(`/children/${encodeURIComponent(id)}/guardians/${encodeURIComponent(guardianId)}`, { reason }),
};

export interface LedgerQuery {
  category?: string;
  childId?: string;
  actorUserId?: string;
  orgId?: string;
  act?: string;
  /** YYYY-MM-DD (Beijing time), both ends included. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export const ledgerApi = {
  list: (query: LedgerQuery, signal?: AbortSignal) => http.get<Page<LedgerEntry>>('/ledger', { ...query }, signal),
  verify: () => http.post<VerifyResult>('/ledger/verify'),
  latestCheckpoint: () => http.get<Checkpoint | null>('/ledger/checkpoints/latest'),
  inclusionProof: (seq: number, treeSize?: number) => http.get<InclusionProof>('/ledger/proofs/inclusion', { seq, treeSize }),
};

export const consentsApi = {
  list: (childId: string) => http.get<ConsentsAnswer>(`/children/${encodeURIComponent(childId)}/consents`),
  create: (childId: string, body: NewConsent) => http.post<unknown>(`/children/${encodeURIComponent(childId)}/consents`, body),
  withdraw: (childId: string, consentId: string, reason: string) =>
    http.post<unknown>(`/children/${encodeURIComponent(childId)}/consents/${encodeURIComponent(consentId)}/withdraw`, { reason }),
  notify: (childId: string, body: NewNotification) =>
    http.post<unknown>(`/children/${encodeURIComponent(childId)}/guardian-notifications`, body),
  endPurpose: (childId: string, body: { purpose: string; event: PurposeEndEvent; endedOn: string }) =>
    http.post<PurposeEnd>(`/children/${encodeURIComponent(childId)}/purpose-ends`, body),
};

export const policyApi = {
  /** Same scenario format as `hutong policy check`, one object per line. */
  check: (scenarios: Record<string, unknown>[]) => http.post<PolicyCheckResult[]>('/policy/check', scenarios),
};
