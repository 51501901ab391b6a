export { publicationRoutes } from './publication.routes.ts';
export { submitPublication, getPublication, listPublicationsFor, purgeExpiredDrafts, DRAFT_KEEP_DAYS } from './publication.service.ts';
export { startDraftPurge } from './draft-purge.job.ts';
export { adjustFindings, approvePublication, returnPublication, manifestOf } from './publication-review.service.ts';
export { downloadPublicationFile, type DownloadedFile, type FileVersion } from './publication-files.service.ts';
export type { PublicationDto, PublicationItem } from './publication.dto.ts';
export { parseBody, submitBodySchema, adjustBodySchema, type SubmitBody, type AdjustBody } from './publication.schema.ts';
export { actorForUsername } from './publication-actor.ts';
