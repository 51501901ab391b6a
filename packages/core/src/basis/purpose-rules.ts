/** Look-ups over the purposes catalogue: who may use a purpose, for which acts, with which fields. */
import { FIELD_KEYS, type FieldKey } from '../fields/field-catalogue.ts';
import type { ProcessingAct } from '../ledger/acts.ts';
import type { OrgType } from '../orgs/org-types.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';
import { PURPOSES_CATALOGUE } from './purposes-catalogue.ts';
import type { PurposeDefinition, StatutoryDuty } from './purpose-types.ts';

export function purposeDefinition(code: PurposeCode): PurposeDefinition {
  return PURPOSES_CATALOGUE[code];
}

export function isOrgTypeAllowedFor(purpose: PurposeCode, orgType: OrgType): boolean {
  return PURPOSES_CATALOGUE[purpose].orgTypes.includes(orgType);
}

/** Acts this org type may perform for the purpose (catalogue order of PROCESSING_ACTS not implied). */
export function actsFor(purpose: PurposeCode, orgType: OrgType): readonly ProcessingAct[] {
  const acts = new Set<ProcessingAct>();
  for (const r of PURPOSES_CATALOGUE[purpose].fieldRules) if (r.orgTypes.includes(orgType)) for (const a of r.acts) acts.add(a);
  return Object.freeze([...acts]);
}

/** The minimum necessary fields for this org type and act, in field-catalogue order. */
export function minimumFields(purpose: PurposeCode, orgType: OrgType, act: ProcessingAct): readonly FieldKey[] {
  const allowed = new Set<FieldKey>();
  for (const r of PURPOSES_CATALOGUE[purpose].fieldRules) {
    if (r.orgTypes.includes(orgType) && r.acts.includes(act)) for (const f of r.fields) allowed.add(f);
  }
  return Object.freeze(FIELD_KEYS.filter((f) => allowed.has(f)));
}

/** The statutory duty that lets this org type perform this act without consent, if any. */
export function statutoryDutyFor(purpose: PurposeCode, orgType: OrgType, act: ProcessingAct): StatutoryDuty | undefined {
  return PURPOSES_CATALOGUE[purpose].statutoryDuties.find((d) => d.orgTypes.includes(orgType) && d.acts.includes(act));
}
