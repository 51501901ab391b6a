import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requirePermission } from '../auth/guards.ts';
import { keyStatus } from './key-rotation.service.ts';
import { ReloadingKeyring } from './reloading-keyring.ts';

const statusSchema = z.object({
  suite: z.string(),
  currentVersion: z.number(),
  versions: z.array(z.object({ version: z.number(), children: z.number(), publicationKeys: z.number(), inKeyFile: z.boolean() })),
  lastRotation: z.object({ at: z.string(), by: z.string().nullable() }).nullable(),
});

/**
 * Key status for the administrator's console (等保2.0 三级 密钥管理): which master-key versions
 * wrap how many data keys (children's, publications'), and when the key was last rotated. Rotation itself stays
 * on the command line (`hutong keys rotate`), next to the key file it rewrites.
 */
export const keysRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/status', { schema: { tags: ['密钥'], summary: '主密钥版本与轮换情况（系统管理员）', response: { 200: statusSchema } } }, async (req) => {
    requirePermission(req, 'org.manage');
    // A rotation is done by another process (the CLI): read the key file afresh before answering.
    if (ctx.keyring instanceof ReloadingKeyring) ctx.keyring.reload();
    const [status, last] = await Promise.all([
      keyStatus(ctx),
      ctx.db.selectFrom('ledger_entries').select(['at', 'actor_user_id']).where('category', '=', 'admin').where('act', '=', 'key_rotate')
        .orderBy('id', 'desc').limit(1).executeTakeFirst(),
    ]);
    return { ...status, lastRotation: last ? { at: last.at.toISOString(), by: last.actor_user_id } : null };
  });
};
