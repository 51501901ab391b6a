/**
 * The lawful-basis to-do lists (turning 14, data to delete) and break-glass access. Each list
 * item names the child masked (张**) with the place, enough to tell rows apart.
 */
import { http } from './client.ts';
import type { ChildDetail, FieldValue } from './types.ts';

interface ChildRef {
  childId: string;
  name?: FieldValue | string | null;
  regionName?: string;
}

export interface TurningFourteen extends ChildRef {
  /** The first day the child counts as 已满十四周岁 (the day after the 14th birthday). */
  fourteenFrom: string;
  daysLeft: number;
  purposes: { code: string; label: string }[];
}

export interface DeletionTask extends ChildRef {
  reason: 'age_18' | 'consent_ended';
  message: string;
  article: string;
  purposes: { code: string; label: string }[];
}

export interface EmergencyGrant { id: string; childId: string; expiresAt: string }

export type EmergencyChild = ChildDetail & { expiresAt: string };

export interface EmergencyReview {
  id: string;
  childId: string;
  justification: string;
  createdAt: string;
  expiresAt: string;
  userName: string | null;
  userOrg: string | null;
  ownerOrg: string;
}

const id = (s: string) => encodeURIComponent(s);

export const tasksApi = {
  turning14: async (withinDays: number, signal?: AbortSignal) =>
    (await http.get<{ items: TurningFourteen[] }>('/children/turning-14', { withinDays }, signal)).items,
  deletion: async (signal?: AbortSignal) => (await http.get<{ items: DeletionTask[] }>('/children/deletion-tasks', undefined, signal)).items,
  /** Crypto-shredding: the child's data key is destroyed; the ledger keeps a 删除 entry with the reason. */
  deleteChild: (childId: string, reason: string) => http.del<unknown>(`/children/${id(childId)}`, { reason }),
};

export const emergencyApi = {
  open: (idNumber: string, justification: string) => http.post<EmergencyGrant>('/emergency-access', { idNumber, justification }),
  child: (grantId: string, signal?: AbortSignal) => http.get<EmergencyChild>(`/emergency-access/${id(grantId)}/child`, undefined, signal),
  reviews: async (signal?: AbortSignal) => (await http.get<{ items: EmergencyReview[] }>('/emergency-access/reviews', undefined, signal)).items,
  review: (grantId: string, outcome: 'justified' | 'unjustified', note: string) =>
    http.post<unknown>(`/emergency-access/${id(grantId)}/review`, { outcome, note }),
};
