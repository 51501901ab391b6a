export * from './fields/field-catalogue.ts';
export * from './fields/mask.ts';
export * from './orgs/org-types.ts';
export * from './orgs/roles.ts';
export * from './children/categories.ts';
export * from './id-number/gb11643.ts';
export * from './ledger/acts.ts';
// REGION-PENDING export * from './regions/region-code.ts';
export * from './errors.ts';
