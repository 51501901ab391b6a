import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor, requirePermission } from '../auth/guards.ts';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { createOrgBody, orgDto, orgIdParams, orgListResponse, patchOrgBody } from './orgs.schema.ts';
import { orgsService } from './orgs.service.ts';

const TAGS = ['机构'];

/** Reading the org list needs a login (the console shows org names); changing it needs org.manage. */
export const orgsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get('/', {
    schema: { tags: TAGS, summary: '机构列表', response: { 200: orgListResponse } },
  }, async (req) => {
    requireActor(req);
    return { items: await orgsService.listOrgs(ctx) };
  });

  app.get('/:id', {
    schema: { tags: TAGS, summary: '机构详情', params: orgIdParams, response: { 200: orgDto } },
  }, async (req) => {
    requireActor(req);
    return orgsService.getOrg(ctx, req.params.id);
  });

  app.post('/', {
    schema: { tags: TAGS, summary: '新建机构', body: createOrgBody, response: { 201: orgDto } },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'org.manage');
    return reply.status(201).send(await orgsService.createOrg(ctx, actor, req.body));
  });

  app.patch('/:id', {
    schema: { tags: TAGS, summary: '修改机构', params: orgIdParams, body: patchOrgBody, response: { 200: orgDto } },
  }, async (req) => {
    const actor = requirePermission(req, 'org.manage');
    return orgsService.updateOrg(ctx, actor, req.params.id, req.body);
  });
};
