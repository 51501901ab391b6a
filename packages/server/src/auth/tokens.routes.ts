import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { tokenCreateBody, tokenCreatedResponse, tokenIdParams, tokenListResponse } from './auth.schema.ts';
import { requireActor } from './guards.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

const TAGS = ['访问令牌'];

/** Personal API tokens for scripts and the CLI against a remote server: one's own only. */
export const tokensRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post('/', {
    schema: { tags: TAGS, summary: '创建访问令牌（令牌仅显示一次）', body: tokenCreateBody, response: { 201: tokenCreatedResponse } },
  }, async (req, reply) => {
    const created = await createToken(ctx, requireActor(req), req.body);
    void reply.header('cache-control', 'no-store');
    return reply.status(201).send(created);
  });

  app.get('/', {
    schema: { tags: TAGS, summary: '我的访问令牌', response: { 200: tokenListResponse } },
  }, async (req) => ({ items: await listTokens(ctx, requireActor(req)) }));

  app.delete('/:id', {
    schema: { tags: TAGS, summary: '吊销访问令牌', params: tokenIdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await revokeToken(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });
};
