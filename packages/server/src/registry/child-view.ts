import { FIELD_KEYS, FIELD_CATALOGUE, type FieldKey } from '@hutong/core';
import { getDivisions } from '@hutong/divisions';
import { regionName as fullRegionName } from '../orgs/region-check.ts';
import type { AppContext } from '../context.ts';
import type { EncryptedFields } from '../shared/db/schema.ts';
import type { ChildRow } from './children.repo.ts';
import { openChildKey } from './child-cipher.ts';
import { groupBySensitivity, showField, type FieldGroup, type ShownField } from './child-projection.ts';

export interface ChildSummary {
  id: string;
  regionCode: string;
  regionName: string;
  ownerOrg: { id: string; name: string };
  basisFound: boolean;
  fields: Record<string, { value: string | null; masked: boolean }>;
}

export interface ChildDetail {
  id: string;
  regionCode: string;
  regionName: string;
  ownerOrg: { id: string; name: string };
  groups: FieldGroup[];
  guardians: Array<{ id: string; relation: string; fields: ShownField[] }>;
  visits: Array<{ id: string; visitedOn: string; kind: string; visitorName: string | null; fields: ShownField[] }>;
  createdAt: string;
  updatedAt: string;
  canExpressWill: boolean;
  basis?: { purpose: string; purposeLabel: string; article: string; message: string; strippedFields: string[] };
}

export const SUMMARY_FIELDS: FieldKey[] = ['name', 'gender', 'birthDate', 'idNumber', 'school', 'categories'];
const CHILD_FIELDS = FIELD_KEYS.filter((k) => FIELD_CATALOGUE[k].owner === 'child');
const GUARDIAN_FIELDS = FIELD_KEYS.filter((k) => FIELD_CATALOGUE[k].owner === 'guardian');
/** Every field a detail view can show: what a masked view asks the decision about. */
export const DETAIL_FIELDS: FieldKey[] = [...CHILD_FIELDS, ...GUARDIAN_FIELDS, 'visitNotes'];

type GuardianRow = { id: string; relation: string; fields_enc: EncryptedFields };
type VisitRow = { id: string; visited_on: string | Date; kind: string; fields_enc: EncryptedFields; visitor_name: string | null };

export function regionName(code: string): string {
  return fullRegionName(code) ?? code;
}

/** A masked address shows only the county of the child's registered region (法释〔2016〕19号). */
function countyName(code: string): string | undefined {
  const county = getDivisions().countyOf(code);
  return county ? getDivisions().fullName(county.code) : undefined;
}

/**
 * One child as the caller may see it: fields outside `reveal` leave masked, and fields outside
 * `permitted` (what the lawful-basis decision allowed; null = no limit) are withheld entirely.
 */
export function childView(ctx: AppContext, row: ChildRow, reveal: ReadonlySet<string>, read: Set<string>, guardians: GuardianRow[] = [], visits: VisitRow[] = [], permitted: ReadonlySet<string> | null = null) {
  const cipher = row.data_key_wrapped ? openChildKey(ctx.keyring, row.id, row.data_key_wrapped, row.master_key_version!) : null;
  const clear = { gender: row.gender, grade: row.grade, regionCode: row.region_code };
  const maskContext = { countyName: countyName(row.region_code) };
  const show = (k: FieldKey) => showField(k, 'children', row.id, row.fields_enc, clear, cipher, reveal, read, maskContext, permitted);
  const base = { id: row.id, regionCode: row.region_code, regionName: regionName(row.region_code), ownerOrg: { id: row.owner_org_id, name: row.owner_org_name } };
  const summary: ChildSummary = { ...base, basisFound: permitted === null || permitted.size > 0, fields: Object.fromEntries(SUMMARY_FIELDS.map((k) => { const f = show(k); return [k, { value: f.value, masked: f.masked }]; })) };
  const detail = (): ChildDetail => ({
    ...base,
    groups: groupBySensitivity(CHILD_FIELDS.map(show)),
    guardians: guardians.map((g) => ({
      id: g.id,
      relation: permitted && !permitted.has('guardianRelation') ? '' : g.relation,
      fields: GUARDIAN_FIELDS.map((k) => showField(k, 'guardians', g.id, g.fields_enc, { guardianRelation: g.relation }, cipher, reveal, read, {}, permitted)),
    })),
    visits: visits.map((v) => ({
      id: v.id, visitedOn: typeof v.visited_on === 'string' ? v.visited_on : v.visited_on.toISOString().slice(0, 10), kind: v.kind, visitorName: v.visitor_name,
      fields: [showField('visitNotes', 'visits', v.id, v.fields_enc, {}, cipher, reveal, read, {}, permitted)],
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    canExpressWill: row.can_express_will,
  });
  return { summary, get detail() { return detail(); } };
}
