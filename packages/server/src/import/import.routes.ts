import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requirePermission } from '../auth/guards.ts';
import { IMPORT_BODY_LIMIT, importBodySchema, importReportSchema } from './import.schema.ts';
import { importFileTooLarge, importTemplate, importUpload } from './import-upload.service.ts';

const tags = ['儿童名册'];

/**
 * Mounted under /api/children/import: the console's roster import. The file arrives as Base64
 * in JSON, as 技术处理 files do; the work is the CLI's own importChildren.
 */
export const importRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/', {
    bodyLimit: IMPORT_BODY_LIMIT,
    // Before the body is read: a role without child.import never gets to upload 10 MB of children.
    onRequest: async (req) => { requirePermission(req, 'child.import'); },
    // Thrown here, the error goes on to the app's problem handler: only the wording changes.
    errorHandler: (err) => { throw (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? importFileTooLarge() : err; },
    schema: {
      tags,
      summary: '导入儿童名册（CSV 或 XLSX，不超过 10 MB）到本机构：dryRun 只预检不写入；任何一行有误则整个文件不导入（400 HUTONG_IMPORT_REFUSED，附报告），除非 skipInvalid；每名儿童一条“收集”台账记录',
      body: importBodySchema,
      response: { 200: importReportSchema },
    },
  }, async (req) => importUpload(ctx, requirePermission(req, 'child.import'), req.body));

  r.get('/template', {
    schema: { tags, summary: '下载导入模板（CSV，UTF-8 带 BOM，只有表头）' },
  }, async (req, reply) => {
    requirePermission(req, 'child.import');
    const t = importTemplate();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="children-import-template.csv"; filename*=UTF-8''${encodeURIComponent(t.filename)}`)
      .send(t.content);
  });
};
