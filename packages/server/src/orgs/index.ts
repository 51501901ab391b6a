export { orgsService, type CreateOrgInput, type PatchOrgInput } from './orgs.service.ts';
export { orgsRoutes } from './orgs.routes.ts';
export type { OrgDto } from './orgs.schema.ts';
export { NATIONWIDE, checkRegionCode, regionWithin } from './region-check.ts';
