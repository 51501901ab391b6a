import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { SUBMISSION_BODY_LIMIT, submissionTooLarge } from './publication-intake.ts';
import {
  adjustBodySchema, approveBodySchema, fileParams, fileQuery, idParams, listQuerySchema, publicationDtoSchema, publicationItemSchema, returnBodySchema, submitBodySchema,
} from './publication.schema.ts';
import { getPublication, listPublicationsFor, submitPublication } from './publication.service.ts';
import { adjustFindings, approvePublication, returnPublication } from './publication-review.service.ts';
import { downloadPublicationFile } from './publication-files.service.ts';

const tags = ['发布审核'];
const one = { 200: publicationDtoSchema };

/** RFC 6266: an ASCII fallback and the UTF-8 name, so Chinese file names survive every browser. */
function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\]/gu, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Mounted at /api/publications: 第八、十三、十四、十五条 review of what is published about children. */
export const publicationRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/', {
    bodyLimit: SUBMISSION_BODY_LIMIT,
    errorHandler: (err) => { throw (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? submissionTooLarge() : err; },
    schema: { tags, summary: '提交发布审核：稿件（文本、DOCX、XLSX 名单、图片、录音及转写稿）经技术处理、关联名册、核对同意与第十五条', body: submitBodySchema, response: { 201: publicationDtoSchema } },
  }, async (req, reply) => reply.status(201).send(await submitPublication(ctx, requireActor(req), req.body)));

  r.get('/', { schema: { tags, summary: '我提交的（mine）或待我审核的（review）发布稿件', querystring: listQuerySchema, response: { 200: z.object({ items: z.array(publicationItemSchema), total: z.number() }) } } },
    async (req) => listPublicationsFor(ctx, requireActor(req), req.query));

  r.get('/:id', { schema: { tags, summary: '稿件详情：每个文件的识别与处理结果、逐条核对（引用条款）、关联儿童（仅匿名编号与同意情况）', params: idParams, response: one } },
    async (req) => getPublication(ctx, requireActor(req), req.params.id));

  r.put('/:id/findings', { schema: { tags, summary: '审核员调整识别结果：保留（确因工作需要且已同意）、标为误识别、补充漏识别的文字；重新处理并判定', params: idParams, body: adjustBodySchema, response: one } },
    async (req) => adjustFindings(ctx, requireActor(req), req.params.id, req.body));

  r.post('/:id/approve', { schema: { tags, summary: '批准发布：按当日同意情况重新判定；生成发布版本，SM3 清单哈希记入台账“公开”记录，原稿销毁', params: idParams, body: approveBodySchema, response: one } },
    async (req) => approvePublication(ctx, requireActor(req), req.params.id, req.body.note));

  r.post('/:id/return', { schema: { tags, summary: '退回并说明理由；提交人修改后可重新提交（revisionOf）', params: idParams, body: returnBodySchema, response: one } },
    async (req) => returnPublication(ctx, requireActor(req), req.params.id, req.body.reasons));

  r.get('/:id/files/:name', {
    schema: { tags, summary: '下载文件：processed 为技术处理后的版本（仅批准后为可发布版本），original 为原稿（仅提交人与审核员，原稿销毁前）', params: fileParams, querystring: fileQuery },
  }, async (req, reply) => {
    const f = await downloadPublicationFile(ctx, requireActor(req), req.params.id, req.params.name, req.query.version);
    return reply
      .header('content-type', f.mediaType)
      .header('content-disposition', disposition(f.filename))
      .header('x-hutong-version', f.version)
      .header('x-hutong-approval', f.approval)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('x-hutong-sm3', f.sm3 ?? '')
      .send(f.body);
  });
};
