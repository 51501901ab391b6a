/**
 * Processing purposes a user must name before seeing a child's full record (第十二条: a
 * purpose, a legal basis, the minimum necessary). Labels come from the purposes catalogue in
 * @hutong/core; which ones the selector offers is fixed here until the server publishes
 * GET /api/purposes — then only listPurposes() changes.
 */
import { PURPOSE_CODES } from '@hutong/core';

export interface Purpose {
  code: string;
  label: string;
}

/** Offered in the selector; the forbidden ones of 第十五条 (募捐, 直播带货, 博眼球) are never offered. */
const OFFERED = [
  'social_assistance', 'charity_assistance', 'care_service', 'education_aid', 'medical_care',
  'case_handling', 'legal_aid', 'family_education', 'disability_service', 'statistics',
] as const satisfies readonly (keyof typeof PURPOSE_CODES)[];

export async function listPurposes(): Promise<Purpose[]> {
  return OFFERED.map((code) => ({ code, label: PURPOSE_CODES[code] }));
}

export function purposeLabel(code: string | null | undefined): string {
  if (!code) return '';
  return (PURPOSE_CODES as Record<string, string>)[code] ?? code;
}
