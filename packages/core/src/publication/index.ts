export * from './publication-types.ts';
export { PUBLISHING_ORG_TYPES, publishRefusal, type PublishRefusal } from './publishers.ts';
export { KEEPABLE_TYPES, keepRefusal, elementTypeLabel, type KeepRefusal } from './keep-rules.ts';
export { labelsNextToChildren, LABEL_DISTANCE, type LabelNearChild } from './label-proximity.ts';
export { childPublicityConsent, type ChildConsentOutcome } from './publication-consent.ts';
export { decidePublication } from './decide-publication.ts';
