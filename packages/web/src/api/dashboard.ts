/**
 * GET /api/dashboard: the signed-in person's to-dos and, for roles that read the register,
 * figures for their jurisdiction. Counts under 5 arrive as null with `suppressed: true`; the
 * console shows them as “<5” and never tries to work them out.
 */
import { http } from './client.ts';

export type TodoKind = 'sharingApprovals' | 'expiringGrants' | 'turningFourteen' | 'deletionTasks' | 'emergencyReviews' | 'openIncidents';

export interface TodoItem { id: string; title: string; note: string; childId?: string }
export interface Todo { kind: TodoKind; count: number; items: TodoItem[] }

export interface Count { count: number | null; suppressed: boolean }
export interface Cell extends Count { key: string; label: string }

export interface Figures {
  asOf: string;
  minCell: number;
  children: Count;
  byCategory: Cell[];
  regionLevel: string;
  byRegion: Cell[];
  consent: { covered: Count; notCovered: Count; share: number | null };
}

export interface Dashboard { todo: Todo[]; figures?: Figures }

export const dashboardApi = {
  get: (signal?: AbortSignal) => http.get<Dashboard>('/dashboard', undefined, signal),
};
