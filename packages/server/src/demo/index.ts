export { seedDemo, type SeedAccount, type SeedOptions, type SeedOrg, type SeedReport } from './seed.service.ts';
