import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { consentCreateSchema, consentWithdrawSchema, notificationCreateSchema } from './consent.schema.ts';
import { listConsents, recordConsent, recordNotification, withdrawConsent } from './consent.service.ts';
import { turningFourteen } from './turning-14.service.ts';
import { deletionTasks } from './deletion-tasks.service.ts';
import { RECORDED_END_EVENTS, recordPurposeEnd } from './purpose-ends.service.ts';
import { PURPOSE_CODES, type PurposeCode } from '@hutong/core';

const tags = ['同意与告知'];
const childParams = z.object({ id: z.string().max(64) });

/** Mounted under /api/children: consents and guardian notifications hang off a child. */
export const consentRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/turning-14', { schema: { tags, summary: '即将年满十四周岁、目前仅凭监护人同意处理的儿童（第十二条）', querystring: z.object({ withinDays: z.coerce.number().int().min(1).max(366).optional() }) } },
    async (req) => ({ items: await turningFourteen(ctx, requireActor(req), req.query.withinDays ?? 60) }));
  r.get('/deletion-tasks', { schema: { tags, summary: '应删除的儿童信息（年满十八周岁、同意全部撤回或到期；个人信息保护法 第四十七条）' } },
    async (req) => ({ items: await deletionTasks(ctx, requireActor(req)) }));
  r.get('/:id/consents', { schema: { tags, summary: '该儿童的同意记录与监护人告知', params: childParams } },
    async (req) => listConsents(ctx, requireActor(req), req.params.id));
  r.post('/:id/consents', { bodyLimit: 16 * 1024 * 1024, schema: { tags, summary: '登记同意（第十二条；单独同意另行登记）', params: childParams, body: consentCreateSchema } },
    async (req, reply) => reply.status(201).send(await recordConsent(ctx, requireActor(req), req.params.id, req.body)));
  r.post('/:id/consents/:consentId/withdraw', { schema: { tags, summary: '撤回同意（立即生效）', params: childParams.extend({ consentId: z.uuid('同意记录编号无效') }), body: consentWithdrawSchema } },
    async (req) => withdrawConsent(ctx, requireActor(req), req.params.id, req.params.consentId, req.body.reason));
  r.post('/:id/purpose-ends', {
    schema: { tags, summary: '登记某处理目的已结束（救助终止、活动结束、案件办结；个人信息保护法 第四十七条）', params: childParams,
      body: z.object({ purpose: z.enum(Object.keys(PURPOSE_CODES) as [PurposeCode]), event: z.enum(RECORDED_END_EVENTS), endedOn: z.iso.date('日期格式应为 YYYY-MM-DD') }).strict() },
  }, async (req, reply) => reply.status(201).send(await recordPurposeEnd(ctx, requireActor(req), req.params.id, req.body)));
  r.post('/:id/guardian-notifications', { schema: { tags, summary: '登记对监护人的告知（年满十四周岁儿童同意时）', params: childParams, body: notificationCreateSchema } },
    async (req, reply) => reply.status(201).send(await recordNotification(ctx, requireActor(req), req.params.id, req.body)));
};
