import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePermission } from '../auth/guards.ts';
import type { RouteOptions } from '../shared/http/route-options.ts';
import {
  createUserBody, listUsersQuery, patchUserBody, resetPasswordBody, userDto, userIdParams, userListResponse, userWithPasswordResponse,
} from './users.schema.ts';
import { usersService } from './users.service.ts';

const TAGS = ['用户'];

/** Account administration: every route needs user.manage (系统管理员 only, 三员分立). */
export const usersRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get('/', {
    schema: { tags: TAGS, summary: '用户列表', querystring: listUsersQuery, response: { 200: userListResponse } },
  }, async (req) => {
    requirePermission(req, 'user.manage');
    return usersService.listUsers(ctx, req.query);
  });

  app.get('/:id', {
    schema: { tags: TAGS, summary: '用户详情', params: userIdParams, response: { 200: userDto } },
  }, async (req) => {
    requirePermission(req, 'user.manage');
    return usersService.getUser(ctx, req.params.id);
  });

  app.post('/', {
    schema: { tags: TAGS, summary: '新建用户（返回一次性密码）', body: createUserBody, response: { 201: userWithPasswordResponse } },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'user.manage');
    const { user, password } = await usersService.createUser(ctx, actor, req.body);
    void reply.header('cache-control', 'no-store');
    return reply.status(201).send({ user, initialPassword: password });
  });

  app.patch('/:id', {
    schema: { tags: TAGS, summary: '修改用户（角色、管辖范围、机构、停用）', params: userIdParams, body: patchUserBody, response: { 200: userDto } },
  }, async (req) => {
    const actor = requirePermission(req, 'user.manage');
    return usersService.updateUser(ctx, actor, req.params.id, req.body);
  });

  app.post('/:id/reset-password', {
    schema: { tags: TAGS, summary: '重置密码（返回一次性密码）', params: userIdParams, body: resetPasswordBody, response: { 200: userWithPasswordResponse } },
  }, async (req, reply) => {
    const actor = requirePermission(req, 'user.manage');
    const { user, password } = await usersService.resetPassword(ctx, actor, req.params.id, req.body);
    void reply.header('cache-control', 'no-store');
    return { user, initialPassword: password };
  });

  app.post('/:id/unlock', {
    schema: { tags: TAGS, summary: '解除登录锁定', params: userIdParams, response: { 200: userDto } },
  }, async (req) => {
    const actor = requirePermission(req, 'user.manage');
    return usersService.unlockUser(ctx, actor, req.params.id);
  });
};
