import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '@hutong/core';
import type { RouteOptions } from '../shared/http/route-options.ts';
import {
  changePasswordBody, loginBody, meResponse, nextStepSchema, toMeDto, totpCodeBody, totpEnrolResponse,
} from './auth.schema.ts';
import { authStateOf, requireLoginSession } from './guards.ts';
import type { RequestMeta } from './lockout.ts';
import { changePassword, login, logout } from './login.service.ts';
import { clearSessionCookie, hashSecretToken, SESSION_COOKIE, setSessionCookie } from './sessions.service.ts';
import { tokensRoutes } from './tokens.routes.ts';
import { beginTotpEnrol, confirmTotpEnrol, verifyTotpLogin } from './totp.service.ts';

const TAGS = ['账号与登录'];

export function requestMeta(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return { requestId: req.id, ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 256) : null };
}

/**
 * Staged login (等保2.0 三级 双因素): password → [new password] → [TOTP enrolment] → TOTP.
 * Each step answers `next`; only after the last one does the session reach data routes.
 */
export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.post('/login', {
    schema: { tags: TAGS, summary: '用户名密码登录（第一步）', body: loginBody, response: { 200: nextStepSchema } },
  }, async (req, reply) => {
    const old = req.cookies?.[SESSION_COOKIE];
    const res = await login(ctx, requestMeta(req), req.body, old ? hashSecretToken(ctx, old) : undefined);
    setSessionCookie(ctx, reply, res.token, res.expiresAt);
    return { next: res.next };
  });

  app.post('/password', {
    schema: { tags: TAGS, summary: '修改密码（任何登录阶段均可）', body: changePasswordBody, response: { 200: nextStepSchema } },
  }, async (req) => ({ next: await changePassword(ctx, requestMeta(req), requireLoginSession(req), req.body) }));

  app.post('/totp/enrol', {
    schema: { tags: TAGS, summary: '获取动态口令密钥与二维码', response: { 200: totpEnrolResponse } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return beginTotpEnrol(ctx, requireLoginSession(req));
  });

  app.post('/totp/enrol/confirm', {
    schema: { tags: TAGS, summary: '确认绑定动态口令（同时完成登录）', body: totpCodeBody, response: { 200: nextStepSchema } },
  }, async (req) => ({ next: await confirmTotpEnrol(ctx, requestMeta(req), requireLoginSession(req), req.body.code) }));

  app.post('/totp', {
    schema: { tags: TAGS, summary: '输入动态口令（完成登录）', body: totpCodeBody, response: { 200: nextStepSchema } },
  }, async (req) => ({ next: await verifyTotpLogin(ctx, requestMeta(req), requireLoginSession(req), req.body.code) }));

  app.post('/logout', {
    schema: { tags: TAGS, summary: '退出登录', response: { 204: z.null().describe('已退出') } },
  }, async (req, reply) => {
    const { session } = authStateOf(req);
    if (session) await logout(ctx, requestMeta(req), session);
    clearSessionCookie(ctx, reply);
    return reply.status(204).send(null);
  });

  app.get('/me', {
    schema: { tags: TAGS, summary: '当前用户、机构、权限与登录阶段', response: { 200: meResponse } },
  }, async (req) => {
    const { session, token } = authStateOf(req);
    if (session) return toMeDto(session.principal, session.stage, session.expiresAt, ctx.config.idleTimeoutMinutes);
    if (token) return toMeDto(token.principal, 'active', token.expiresAt, ctx.config.idleTimeoutMinutes);
    requireLoginSession(req); // throws: the session timed out, or there never was one
    throw errors.unauthenticated();
  });

  await app.register(tokensRoutes, { ctx, prefix: '/tokens' });
};
