import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import {
  breachBodySchema, breachLetterParams, closeBodySchema, followUpBodySchema, idParams, incidentDtoSchema, incidentItemSchema, ingestBodySchema,
  ingestResultSchema, listQuerySchema, noticeBodySchema, noticeDtoSchema, noticeParams,
} from './incident.schema.ts';
import { ingestHits } from './incident-ingest.service.ts';
import { getIncident, listIncidents } from './incident.service.ts';
import { addFollowUp, closeIncident, issueNotice, recordBreach } from './incident-actions.service.ts';
import { downloadBreachLetter, downloadNoticeLetter, type Letter } from './incident-letters.service.ts';

const tags = ['泄露事件'];
const one = { 200: incidentDtoSchema };

/** RFC 6266: an ASCII fallback and the UTF-8 name, so Chinese file names survive every browser. */
function sendLetter(reply: FastifyReply, letter: Letter) {
  const ascii = letter.filename.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\]/gu, '_');
  return reply
    .header('content-type', 'text/markdown; charset=utf-8')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(letter.filename)}`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-hutong-sm3', letter.sm3)
    .send(letter.body);
}

/** Mounted at /api/incidents: 第五条 leak incidents; breach handling 个人信息保护法 第五十七条. */
export const incidentRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/hits', {
    schema: { tags, summary: '导入巡查命中：引用对应到本辖区在册儿童后登记为事件并告知儿童所属机构；同一来源、帖子、儿童只登记一次；帖子正文只用于摘要值与技术处理后的摘录', body: ingestBodySchema, response: { 201: ingestResultSchema } },
  }, async (req, reply) => reply.status(201).send(await ingestHits(ctx, requireActor(req), req.body)));

  r.get('/', { schema: { tags, summary: '可见的泄露事件：本机构（及下级同类机构）导入的，和本人名册范围内儿童的', querystring: listQuerySchema, response: { 200: z.object({ items: z.array(incidentItemSchema), total: z.number() }) } } },
    async (req) => listIncidents(ctx, requireActor(req), req.query));

  r.get('/:id', { schema: { tags, summary: '事件详情：证据（摘要值与技术处理后的摘录）、通知、跟进、结案、泄露处置、时间线', params: idParams, response: one } },
    async (req) => getIncident(ctx, requireActor(req), req.params.id));

  r.post('/:id/notices', { schema: { tags, summary: '向平台或发布者发出删除/更正通知（第五、十四、十五条），期限 1–30 天', params: idParams, body: noticeBodySchema, response: { 201: noticeDtoSchema } } },
    async (req, reply) => reply.status(201).send(await issueNotice(ctx, requireActor(req), req.params.id, req.body)));

  r.get('/:id/notices/:noticeId/letter', { schema: { tags, summary: '通知函（Markdown）；每次下载记入台账', params: noticeParams } },
    async (req, reply) => sendLetter(reply, await downloadNoticeLetter(ctx, requireActor(req), req.params.id, req.params.noticeId)));

  r.post('/:id/follow-ups', { schema: { tags, summary: '记录跟进情况', params: idParams, body: followUpBodySchema, response: { 201: incidentDtoSchema } } },
    async (req, reply) => {
      const actor = requireActor(req);
      await addFollowUp(ctx, actor, req.params.id, req.body);
      return reply.status(201).send(await getIncident(ctx, actor, req.params.id));
    });

  r.post('/:id/close', { schema: { tags, summary: '结案；平台内部泄露须先登记泄露处置（误报除外）', params: idParams, body: closeBodySchema, response: one } },
    async (req) => {
      const actor = requireActor(req);
      await closeIncident(ctx, actor, req.params.id, req.body);
      return getIncident(ctx, actor, req.params.id);
    });

  r.post('/:id/breach', { schema: { tags, summary: '平台内部泄露：登记补救措施、报告部门与联系方式（个人信息保护法 第五十七条；未成年人网络保护条例 第三十五条）', params: idParams, body: breachBodySchema, response: { 201: incidentDtoSchema } } },
    async (req, reply) => {
      const actor = requireActor(req);
      await recordBreach(ctx, actor, req.params.id, req.body);
      return reply.status(201).send(await getIncident(ctx, actor, req.params.id));
    });

  r.get('/:id/breach/letters/:kind', { schema: { tags, summary: '泄露事件报告（authority，致网信等部门）或监护人告知函（guardian），Markdown；每次下载记入台账', params: breachLetterParams } },
    async (req, reply) => sendLetter(reply, await downloadBreachLetter(ctx, requireActor(req), req.params.id, req.params.kind)));
};
