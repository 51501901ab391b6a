/** 导入名册: the server validates and imports; the console sends the file and shows the report. */
import { ApiError, buildUrl, http, isApiError, type ProblemBody } from './client.ts';

export interface ImportProblem {
  /** As Excel and WPS number it: the header is row 1. */
  row: number;
  field: string;
  column: string;
  message: string;
}

export interface ImportReport {
  file: string;
  format: 'csv' | 'xlsx';
  rows: number;
  valid: number;
  invalid: number;
  problems: ImportProblem[];
  problemsOmitted: number;
  imported: number;
  dryRun: boolean;
  /** Bad rows and no skipping: the whole file is (or would be) refused. */
  refused: boolean;
  seconds: number;
  rowsPerSecond: number;
}

export interface ImportFile { filename: string; contentBase64: string }

/** The report a refused import (HUTONG_IMPORT_REFUSED) carries, so its problems can be listed. */
export function refusedReport(e: unknown): ImportReport | null {
  return isApiError(e) && e.code === 'HUTONG_IMPORT_REFUSED' && e.body.report && typeof e.body.report === 'object' ? e.body.report as ImportReport : null;
}

export const importApi = {
  preview: (file: ImportFile) => http.post<ImportReport>('/children/import', { ...file, dryRun: true }),
  run: (file: ImportFile, skipInvalid: boolean) => http.post<ImportReport>('/children/import', { ...file, ...(skipInvalid ? { skipInvalid } : {}) }),
  /** The CSV template as a file (the JSON client would not read it). */
  async template(): Promise<{ filename: string; blob: Blob }> {
    const res = await fetch(buildUrl('/children/import/template'), { credentials: 'same-origin' });
    if (!res.ok) {
      const body = await res.json().catch(() => ({ status: res.status })) as ProblemBody;
      throw new ApiError(res.status, body);
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/iu.exec(disposition)?.[1];
    return { filename: star ? decodeURIComponent(star) : '儿童名册导入模板.csv', blob: await res.blob() };
  },
};
