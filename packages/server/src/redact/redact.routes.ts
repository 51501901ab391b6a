import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { BODY_LIMIT, detectBodySchema, detectResponseSchema, textBodySchema, textResponseSchema } from './redact.schema.ts';
import { detectText, redactTextFor } from './redact.service.ts';

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
};
