import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { consentCreateSchema, consentWithdrawSchema, notificationCreateSchema } from './consent.schema.ts';
import { listConsents, recordConsent, recordNotification, withdrawConsent } from './consent.service.ts';

const tags = ['同意与告知'];
const childParams = z.object({ id: z.string().max(64) });

/** Mounted under /api/children: consents and guardian notifications hang off a child. */
export const consentRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/:id/consents', { schema: { tags, summary: '该儿童的同意记录与监护人告知', params: childParams } },
    async (req) => listConsents(ctx, requireActor(req), req.params.id));
  r.post('/:id/consents', { bodyLimit: 16 * 1024 * 1024, schema: { tags, summary: '登记同意（第十二条；单独同意另行登记）', params: childParams, body: consentCreateSchema } },
    async (req, reply) => reply.status(201).send(await recordConsent(ctx, requireActor(req), req.params.id, req.body)));
  r.post('/:id/consents/:consentId/withdraw', { schema: { tags, summary: '撤回同意（立即生效）', params: childParams.extend({ consentId: z.uuid('同意记录编号无效') }), body: consentWithdrawSchema } },
    async (req) => withdrawConsent(ctx, requireActor(req), req.params.id, req.params.consentId, req.body.reason));
  r.post('/:id/guardian-notifications', { schema: { tags, summary: '登记对监护人的告知（年满十四周岁儿童同意时）', params: childParams, body: notificationCreateSchema } },
    async (req, reply) => reply.status(201).send(await recordNotification(ctx, requireActor(req), req.params.id, req.body)));
};
