import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { BODY_LIMIT, detectBodySchema, detectResponseSchema, textBodySchema, textResponseSchema } from './redact.schema.ts';
import { detectText, redactTextFor } from './redact.service.ts';
import { FILE_BODY_LIMIT, fileBodySchema, fileResponseSchema, reportBodySchema, reportResponseSchema } from './redact-file.schema.ts';
import { fileTooLarge, redactFileFor, reportFile } from './redact-file.service.ts';

const tags = ['技术处理'];

/**
 * 技术处理 of a text the caller brings (publicity drafts, judgments, aid lists). Every active role
 * may use it — reviewers (审核员) check publicity material and hold no registry permission — so
 * the routes ask only for a signed-in actor; `useRegistry` additionally needs child.read.
 */
export const redactRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/detect', {
    bodyLimit: BODY_LIMIT,
    schema: { tags, summary: '识别文本中的个人信息（位置按 Unicode 码位，终点不含）', body: detectBodySchema, response: { 200: detectResponseSchema } },
  }, async (req) => detectText(ctx, requireActor(req), req.body));

  r.post('/text', {
    bodyLimit: BODY_LIMIT,
    schema: { tags, summary: '按预设对文本做技术处理，返回处理后的文本、处理的位置与审核报告（原文以脱敏形式出现）', body: textBodySchema, response: { 200: textResponseSchema } },
  }, async (req) => redactTextFor(ctx, requireActor(req), req.body));

  r.post('/file', {
    bodyLimit: FILE_BODY_LIMIT,
    // Thrown here, the error goes on to the app's problem handler: only the wording changes.
    errorHandler: (err) => { throw (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? fileTooLarge() : err; },
    schema: {
      tags, summary: '对上传的文件（.txt .md .csv .xlsx .docx 等，解码后不超过 10 MB）按预设做技术处理，返回同格式的文件与审核报告',
      body: fileBodySchema, response: { 200: fileResponseSchema },
    },
  }, async (req) => redactFileFor(ctx, requireActor(req), req.body));

  r.post('/report', {
    bodyLimit: 16 * 1024 * 1024,
    schema: { tags, summary: '把审核报告（JSON）转为 CSV 或 Markdown 表格，供下载存档', body: reportBodySchema, response: { 200: reportResponseSchema } },
  }, async (req) => {
    requireActor(req);
    return reportFile(req.body.report, req.body.format);
  });
};
