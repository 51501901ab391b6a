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

interface CataloguePurpose { code: string; label: string; forbidden?: boolean }

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
