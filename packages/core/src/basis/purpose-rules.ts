/** Look-ups over the purposes catalogue: who may use a purpose, for which acts, with which fields. */
import { FIELD_KEYS, type FieldKey } from '../fields/field-catalogue.ts';
import type { ProcessingAct } from '../ledger/acts.ts';
import type { OrgType } from '../orgs/org-types.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';
import { PURPOSES_CATALOGUE } from './purposes-catalogue.ts';
import type { PurposeDefinition, PurposesCatalogue, StatutoryDuty } from './purpose-types.ts';

// Every look-up takes the catalogue in force: the server passes the officers' edited copy,
// tests and the dry run default to the seeded one.
export function purposeDefinition(code: PurposeCode, catalogue: PurposesCatalogue = PURPOSES_CATALOGUE): PurposeDefinition {
  return catalogue[code];
}

export function isOrgTypeAllowedFor(purpose: PurposeCode, orgType: OrgType, catalogue: PurposesCatalogue = PURPOSES_CATALOGUE): boolean {
  return catalogue[purpose].orgTypes.includes(orgType);
}

/** Acts this org type may perform for the purpose (catalogue order of PROCESSING_ACTS not implied). */
export function actsFor(purpose: PurposeCode, orgType: OrgType, catalogue: PurposesCatalogue = PURPOSES_CATALOGUE): readonly ProcessingAct[] {
  const acts = new Set<ProcessingAct>();
  for (const r of catalogue[purpose].fieldRules) if (r.orgTypes.includes(orgType)) for (const a of r.acts) acts.add(a);
  return Object.freeze([...acts]);
}

/** The minimum necessary fields for this org type and act, in field-catalogue order. */
export function minimumFields(purpose: PurposeCode, orgType: OrgType, act: ProcessingAct, catalogue: PurposesCatalogue = PURPOSES_CATALOGUE): readonly FieldKey[] {
  const allowed = new Set<FieldKey>();
  for (const r of catalogue[purpose].fieldRules) {
    if (r.orgTypes.includes(orgType) && r.acts.includes(act)) for (const f of r.fields) allowed.add(f);
  }
  return Object.freeze(FIELD_KEYS.filter((f) => allowed.has(f)));
}

/** The statutory duty that lets this org type perform this act without consent, if any. */
export function statutoryDutyFor(purpose: PurposeCode, orgType: OrgType, act: ProcessingAct, catalogue: PurposesCatalogue = PURPOSES_CATALOGUE): StatutoryDuty | undefined {
  return catalogue[purpose].statutoryDuties.find((d) => d.orgTypes.includes(orgType) && d.acts.includes(act));
}

/**
 * The purposes an org type could rely on for an act, statutory duties first: when a caller names
 * no purpose (a list, an edit), the decision tries them in this order.
 */
export function candidatePurposes(orgType: OrgType, act: ProcessingAct, catalogue: PurposesCatalogue = PURPOSES_CATALOGUE): readonly PurposeCode[] {
  const usable = (Object.keys(catalogue) as PurposeCode[])
    .filter((p) => !catalogue[p].forbidden && catalogue[p].orgTypes.includes(orgType) && actsFor(p, orgType, catalogue).includes(act));
  const duty = usable.filter((p) => statutoryDutyFor(p, orgType, act, catalogue));
  return Object.freeze([...duty, ...usable.filter((p) => !duty.includes(p))]);
}
