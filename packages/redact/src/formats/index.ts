export { redactFile, FILE_FORMATS } from './redact-file.ts';
export type { RedactFileOptions, RedactProgress } from './file-context.ts';
export { classifyHeader } from './columns.ts';
export { invalidUtf8At } from './utf8.ts';
