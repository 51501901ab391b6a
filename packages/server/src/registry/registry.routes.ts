import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { createChild, getChild, listChildren } from './registry.service.ts';
import { addGuardian, addVisit, deleteChild, updateChild } from './registry-write.service.ts';
import { childHistory } from './child-history.service.ts';
import { removeGuardian, updateGuardian } from './guardians.service.ts';
import {
  childCreateSchema, childDetailSchema, childPatchSchema, childSummarySchema, guardianCreateSchema, idParams,
  listQuerySchema, revealQuerySchema, visitCreateSchema,
} from './registry.schema.ts';

const tags = ['儿童名册'];
const created = z.object({ id: z.string() });

export const registryRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', { schema: { tags, summary: '名册列表（辖区内，默认脱敏）', querystring: listQuerySchema, response: { 200: z.object({ items: z.array(childSummarySchema), total: z.number() }) } } },
    async (req) => listChildren(ctx, requireActor(req), req.query));

  r.post('/', { schema: { tags, summary: '登记儿童（收集）', body: childCreateSchema, response: { 201: created } } },
    async (req, reply) => reply.status(201).send(await createChild(ctx, requireActor(req), req.body)));

  r.get('/:id', { schema: { tags, summary: '儿童详情；说明目的后显示完整信息', params: idParams, querystring: revealQuerySchema, response: { 200: childDetailSchema } } },
    async (req) => getChild(ctx, requireActor(req), req.params.id, req.query));

  r.patch('/:id', { schema: { tags, summary: '修改儿童信息', params: idParams, body: childPatchSchema, response: { 200: z.object({ id: z.string(), changed: z.array(z.string()) }) } } },
    async (req) => updateChild(ctx, requireActor(req), req.params.id, req.body));

  r.delete('/:id', { schema: { tags, summary: '删除（销毁数据密钥）', params: idParams, body: z.object({ reason: z.string().min(1, '请说明删除原因').max(200) }), response: { 204: z.null() } } },
    async (req, reply) => { await deleteChild(ctx, requireActor(req), req.params.id, req.body.reason); return reply.status(204).send(null); });

  r.post('/:id/guardians', { schema: { tags, summary: '添加监护人', params: idParams, body: guardianCreateSchema, response: { 201: created } } },
    async (req, reply) => reply.status(201).send(await addGuardian(ctx, requireActor(req), req.params.id, req.body)));

  const guardianParams = z.object({ id: z.string().max(64), guardianId: z.string().max(64) });
  r.patch('/:id/guardians/:guardianId', { schema: { tags, summary: '修改监护人', params: guardianParams, body: guardianCreateSchema.partial().strict(), response: { 200: z.object({ id: z.string(), changed: z.array(z.string()) }) } } },
    async (req) => updateGuardian(ctx, requireActor(req), req.params.id, req.params.guardianId, req.body));

  r.delete('/:id/guardians/:guardianId', { schema: { tags, summary: '删除监护人', params: guardianParams, body: z.object({ reason: z.string().min(1, '请说明删除原因').max(200) }), response: { 204: z.null() } } },
    async (req, reply) => { await removeGuardian(ctx, requireActor(req), req.params.id, req.params.guardianId, req.body.reason); return reply.status(204).send(null); });

  r.post('/:id/visits', { schema: { tags, summary: '登记走访（儿童主任）', params: idParams, body: visitCreateSchema, response: { 201: created } } },
    async (req, reply) => reply.status(201).send(await addVisit(ctx, requireActor(req), req.params.id, req.body)));

  r.get('/:id/history', { schema: { tags, summary: '该儿童的处理记录（来自处理台账）', params: idParams } },
    async (req) => childHistory(ctx, requireActor(req), req.params.id));
};
