export { importChildren, type ImportOptions, type ImportOrg, type ImportReport, type RowProblem } from './import.service.ts';
export { exportChildren, type ExportOptions, type ExportReport } from './export.service.ts';
export { COLUMNS, HEADERS } from './import-columns.ts';
export { cliActor, osUsername } from './cli-actor.ts';
