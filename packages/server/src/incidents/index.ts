export { incidentRoutes } from './incident.routes.ts';
export { ingestHits } from './incident-ingest.service.ts';
export { getIncident, listIncidents, openIncidentsTodo } from './incident.service.ts';
export { addFollowUp, closeIncident, issueNotice, recordBreach } from './incident-actions.service.ts';
export { downloadBreachLetter, downloadNoticeLetter, type Letter } from './incident-letters.service.ts';
export {
  breachBodySchema, closeBodySchema, followUpBodySchema, hitSchema, ingestBodySchema, listQuerySchema, noticeBodySchema, MAX_HITS, MAX_POST_CHARS,
  FOLLOW_UP_OUTCOMES, RECIPIENT_KINDS, REQUESTS, RESOLUTIONS, SOURCE_KINDS, STATUSES,
  type IncidentDto, type IncidentItem, type IngestBody, type IngestResult, type NoticeDto,
} from './incident.schema.ts';
