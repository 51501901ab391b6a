/**
 * Everything the CLI calls on the server, in one place. `@hutong/server` exports only its
 * index, which does not yet re-export these services; the relative imports below switch to
 * `from '@hutong/server'` once it does, and no command file has to change.
 */
export { createContext, loadConfig, type AppContext, type Actor } from '@hutong/server';
export { bootstrap } from '../../server/src/bootstrap.ts';
export { orgsService } from '../../server/src/orgs/index.ts';
export { usersService } from '../../server/src/users/index.ts';
export { cliActor, exportChildren, importChildren, type ImportReport } from '../../server/src/import/index.ts';
export { seedDemo, type SeedReport } from '../../server/src/demo/index.ts';
export { keyStatus, rotateMasterKey } from '../../server/src/keys/index.ts';
export { verifyLedger } from '../../server/src/ledger/ledger-verify.service.ts';
export { appendLedger } from '../../server/src/ledger/ledger-append.ts';
export { registryTermsFor } from '../../server/src/registry/registry-terms.service.ts';
export { engineFor } from '../../server/src/redact/redact-engine.ts';
export { buildScreeningPackage, type BuildReport } from '../../server/src/screen/index.ts';
export { actorForUsername, downloadPublicationFile, getPublication, parseBody, submitBodySchema, submitPublication, type PublicationDto } from '../../server/src/review/index.ts';
export { addFollowUp, breachBodySchema, closeBodySchema, closeIncident, downloadBreachLetter, downloadNoticeLetter, followUpBodySchema, getIncident, hitSchema, ingestBodySchema, ingestHits, issueNotice, listIncidents, MAX_HITS, noticeBodySchema, recordBreach, FOLLOW_UP_OUTCOMES, RECIPIENT_KINDS, REQUESTS, RESOLUTIONS, SOURCE_KINDS, STATUSES, type IncidentDto, type IncidentItem } from '../../server/src/incidents/index.ts';
