import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './context.ts';
import { notFoundProblem, registerProblemHandler } from './shared/http/problem.ts';
import { authPlugin } from './auth/auth.plugin.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { orgsRoutes } from './orgs/orgs.routes.ts';
import { usersRoutes } from './users/users.routes.ts';
import { regionsRoutes } from './regions/regions.routes.ts';
import { registryRoutes } from './registry/registry.routes.ts';
import { ledgerRoutes } from './ledger/ledger.routes.ts';
import { consentRoutes } from './consent/consent.routes.ts';
import { policyRoutes } from './policy/policy.routes.ts';
import { emergencyRoutes } from './registry/emergency.routes.ts';
import { redactRoutes } from './redact/redact.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { keysRoutes } from './keys/keys.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { sharingRoutes } from './sharing/sharing.routes.ts';
import { publicationRoutes } from './review/publication.routes.ts';
import { incidentRoutes } from './incidents/incident.routes.ts';

export interface BuildOptions {
  logger?: boolean;
  /** Serve the built console from packages/web/dist when it exists. */
  serveWeb?: boolean;
}

// HUTONG_WEB_DIST lets two console builds be tested side by side (each served from its own folder).
const WEB_DIST = process.env.HUTONG_WEB_DIST
  ? path.resolve(process.env.HUTONG_WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** build() is kept apart from listen(): tests use app.inject and open no port. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? {
      level: process.env.LOG_LEVEL ?? 'info',
      // Query strings carry search terms (a child's name, an ID number) and justifications: never log them.
      serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }) },
    } : false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 50 * 1024 * 1024,
    trustProxy: process.env.HUTONG_TRUST_PROXY === '1',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: '护童 Hutong API', version: '0.1.0', description: '困境儿童个人信息保护平台接口（民发〔2024〕67号）' },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'hutong_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);

  app.get('/api/health', {
    schema: { tags: ['系统'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), engine: z.string(), time: z.string() }) } },
  }, async () => ({ status: 'ok' as const, engine: ctx.dbh.engine, time: new Date().toISOString() }));

  await app.register(async (api) => {
    await api.register(authPlugin, { ctx });
    await api.register(authRoutes, { ctx, prefix: '/auth' });
    await api.register(orgsRoutes, { ctx, prefix: '/orgs' });
    await api.register(usersRoutes, { ctx, prefix: '/users' });
    await api.register(regionsRoutes, { ctx, prefix: '/regions' });
    await api.register(registryRoutes, { ctx, prefix: '/children' });
    await api.register(consentRoutes, { ctx, prefix: '/children' });
    await api.register(importRoutes, { ctx, prefix: '/children/import' });
    await api.register(ledgerRoutes, { ctx, prefix: '/ledger' });
    await api.register(policyRoutes, { ctx });
    await api.register(emergencyRoutes, { ctx, prefix: '/emergency-access' });
    await api.register(sharingRoutes, { ctx });
    await api.register(dashboardRoutes, { ctx, prefix: '/dashboard' });
    await api.register(redactRoutes, { ctx, prefix: '/redact' });
    await api.register(keysRoutes, { ctx, prefix: '/keys' });
    await api.register(publicationRoutes, { ctx, prefix: '/publications' });
    await api.register(incidentRoutes, { ctx, prefix: '/incidents' });
  }, { prefix: '/api' });

  const web = opts.serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (web) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    // The console is a single-page app: unknown non-API GETs get index.html.
    if (web && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).type('application/problem+json; charset=utf-8').send({ ...notFoundProblem(req.method, req.url), requestId: req.id });
  });
  return app;
}
