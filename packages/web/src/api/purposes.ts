/**
 * Processing purposes a user must name before seeing a child's full record (第十二条: a
 * purpose, a legal basis, the minimum necessary). The list comes from GET /api/purposes; the
 * forbidden ones of 第十五条 (募捐, 直播带货, 博眼球) are never offered in any selector.
 */
import { PURPOSE_CODES } from '@hutong/core';
import { http } from './client.ts';

export interface Purpose {
  code: string;
  label: string;
}

export interface FieldRuleDto { orgTypes: string[]; acts: string[]; fields: string[] }

export interface RetentionDto { until: string[]; graceMonths: number; byLaw: boolean; note: string; clause?: string }

/** One entry of GET /api/purposes: the catalogue in force, with who last changed it. */
export interface CataloguePurpose {
  code: string;
  label: string;
  forbidden?: boolean;
  publication?: boolean;
  orgTypes?: { code: string; label: string }[];
  fieldRules?: FieldRuleDto[];
  statutoryDuties?: { orgTypes: string[]; acts: string[]; message: string }[];
  retention?: RetentionDto;
  version?: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
  updatedByName?: string | null;
  changeNote?: string | null;
}

export interface PurposeEditBody {
  orgTypes: string[];
  fieldRules: FieldRuleDto[];
  retention: { until: string[]; graceMonths: number; byLaw: boolean; note: string };
  changeNote: string;
}

export const purposesApi = {
  catalogue: (signal?: AbortSignal) => http.get<CataloguePurpose[] | { items: CataloguePurpose[] }>('/purposes', undefined, signal)
    .then((v) => (Array.isArray(v) ? v : v.items ?? [])),
  update: async (code: string, body: PurposeEditBody) => {
    const saved = await http.put<CataloguePurpose>(`/purposes/${encodeURIComponent(code)}`, body);
    cached = null; // labels do not change, but a purpose may now be open to other org types
    return saved;
  },
};

/** Used only if the server cannot be asked (the labels still come from @hutong/core). */
const FALLBACK = [
  'social_assistance', 'charity_assistance', 'care_service', 'education_aid', 'medical_care',
  'case_handling', 'legal_aid', 'family_education', 'disability_service', 'statistics',
] as const satisfies readonly (keyof typeof PURPOSE_CODES)[];

let cached: Promise<Purpose[]> | null = null;

export function listPurposes(): Promise<Purpose[]> {
  cached ??= http.get<CataloguePurpose[]>('/purposes').then(
    (all) => all.filter((p) => !p.forbidden).map((p) => ({ code: p.code, label: p.label })),
    () => {
      cached = null; // ask again next time
      return FALLBACK.map((code) => ({ code, label: PURPOSE_CODES[code] }));
    },
  );
  return cached;
}

export function purposeLabel(code: string | null | undefined): string {
  if (!code) return '';
  return (PURPOSE_CODES as Record<string, string>)[code] ?? code;
}
