import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { dashboardSchema } from './dashboard.schema.ts';
import { dashboardFor } from './dashboard.service.ts';

export const dashboardRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  app.withTypeProvider<ZodTypeProvider>().get('/', {
    schema: { tags: ['首页'], summary: '我的待办与辖区统计（少于 5 的数字不显示，第三条）', response: { 200: dashboardSchema } },
  }, async (req) => dashboardFor(ctx, requireActor(req)));
};
