import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { openEmergencyAccess, pendingEmergencyReviews, readEmergencyChild, reviewEmergency } from './emergency.service.ts';

const tags = ['紧急查阅'];

export const emergencyRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/', { schema: { tags, summary: '紧急查阅（限一名儿童、24 小时，须说明理由，事后复核）', body: z.object({ idNumber: z.string().min(15).max(24), justification: z.string().max(1000) }).strict() } },
    async (req, reply) => reply.status(201).send(await openEmergencyAccess(ctx, requireActor(req), req.body.idNumber, req.body.justification)));
  r.get('/reviews', { schema: { tags, summary: '待复核的紧急查阅（个人信息保护负责人）' } },
    async (req) => ({ items: await pendingEmergencyReviews(ctx, requireActor(req)) }));
  r.get('/:id/child', { schema: { tags, summary: '在授权期内查阅该儿童的紧急所需信息', params: z.object({ id: z.string().max(64) }) } },
    async (req) => readEmergencyChild(ctx, requireActor(req), req.params.id));
  r.post('/:id/review', { schema: { tags, summary: '复核紧急查阅', params: z.object({ id: z.string().max(64) }), body: z.object({ outcome: z.enum(['justified', 'unjustified']), note: z.string().max(1000) }).strict() } },
    async (req, reply) => { await reviewEmergency(ctx, requireActor(req), req.params.id, req.body.outcome, req.body.note); return reply.status(204).send(); });
};
