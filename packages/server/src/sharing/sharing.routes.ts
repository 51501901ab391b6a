import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import {
  agreementCreateSchema, agreementDtoSchema, approveSchema, grantChildParams, grantDtoSchema, grantParams, idParams,
  listQuerySchema, pageQuery, refuseSchema, releasedChildSchema, revokeSchema,
} from './sharing.schema.ts';
import { requestAgreement } from './sharing-request.service.ts';
import { getAgreement, listMine } from './sharing.service.ts';
import { approveAgreement, refuseAgreement, revokeAgreement } from './sharing-decision.service.ts';
import { listGrants, readGrantChild, readGrantChildren } from './grant-access.service.ts';

const tags = ['数据共享'];
const one = { 200: agreementDtoSchema };

/** Mounted under /api: /sharing-agreements (the agreements) and /grants (what the recipient may read). */
export const sharingRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/sharing-agreements', { schema: { tags, summary: '申请数据共享（提供，个人信息保护法 第二十三条）', body: agreementCreateSchema, response: { 201: agreementDtoSchema } } },
    async (req, reply) => reply.status(201).send(await requestAgreement(ctx, requireActor(req), req.body)));
  r.get('/sharing-agreements', { schema: { tags, summary: '本机构申请的（outgoing）或向本机构申请的（incoming）共享协议', querystring: listQuerySchema, response: { 200: z.object({ items: z.array(agreementDtoSchema) }) } } },
    async (req) => listMine(ctx, requireActor(req), req.query));
  r.get('/sharing-agreements/:id', { schema: { tags, summary: '共享协议详情（仅双方可见）', params: idParams, response: one } },
    async (req) => getAgreement(ctx, requireActor(req), req.params.id));
  r.post('/sharing-agreements/:id/approve', { schema: { tags, summary: '批准（可缩减字段、儿童、期限），记录个人信息保护影响评估（第五十五、五十六条）', params: idParams, body: approveSchema, response: one } },
    async (req) => approveAgreement(ctx, requireActor(req), req.params.id, req.body));
  r.post('/sharing-agreements/:id/refuse', { schema: { tags, summary: '不予同意', params: idParams, body: refuseSchema, response: one } },
    async (req) => refuseAgreement(ctx, requireActor(req), req.params.id, req.body.note));
  r.post('/sharing-agreements/:id/revoke', { schema: { tags, summary: '撤销授权或撤回申请（立即生效）', params: idParams, body: revokeSchema, response: one } },
    async (req) => revokeAgreement(ctx, requireActor(req), req.params.id, req.body.reason));

  r.get('/grants', { schema: { tags, summary: '本机构现行有效的共享授权', response: { 200: z.object({ items: z.array(grantDtoSchema) }) } } },
    async (req) => listGrants(ctx, requireActor(req)));
  r.get('/grants/:agreementId/children', {
    schema: { tags, summary: '按授权查阅儿童信息（逐名判定合法性基础，记入台账）', params: grantParams, querystring: pageQuery, response: { 200: z.object({ items: z.array(releasedChildSchema), total: z.number(), endsOn: z.string() }) } },
  }, async (req) => readGrantChildren(ctx, requireActor(req), req.params.agreementId, req.query));
  r.get('/grants/:agreementId/children/:childId', { schema: { tags, summary: '按授权查阅一名儿童', params: grantChildParams, response: { 200: releasedChildSchema } } },
    async (req) => readGrantChild(ctx, requireActor(req), req.params.agreementId, req.params.childId));
};
