import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requirePermission } from '../auth/auth.plugin.ts';
import { appendLedger } from './ledger-append.ts';
import { queryLedger } from './ledger.query.ts';
import { verifyLedger } from './ledger-verify.service.ts';
import { consistency, inclusion, latestCheckpoint } from './ledger-proof.service.ts';

const tags = ['处理台账'];
const date = z.iso.date('日期格式应为 YYYY-MM-DD');

/** Read-only: no route deletes or edits an entry (第四条; 网络安全法 第二十一条). */
export const ledgerRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', {
    schema: {
      tags, summary: '查询台账',
      querystring: z.object({
        childId: z.string().optional(), actorUserId: z.string().optional(), orgId: z.string().optional(),
        act: z.string().optional(), category: z.enum(['processing', 'security', 'admin']).optional(),
        from: date.optional(), to: date.optional(),
        page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
  }, async (req) => {
    requirePermission(req, 'ledger.read');
    return queryLedger(ctx.db, req.query);
  });

  r.post('/verify', { schema: { tags, summary: '校验台账（重算哈希链、默克尔树与全部签名检查点）' } }, async (req) => {
    const actor = requirePermission(req, 'ledger.verify');
    await ctx.ledger.flush();
    const report = await verifyLedger(ctx.db, ctx.keyring, { checkpointFile: ctx.ledger.checkpointFile, windowMs: ctx.config.ledgerSequencingWindowMs });
    await appendLedger(ctx.db, { category: 'admin', act: 'ledger_verify', actorUserId: actor.userId, actorOrgId: actor.orgId, requestId: req.id, outcome: report.ok ? 'succeeded' : 'failed', reason: report.firstError?.kind ?? null });
    return report;
  });

  r.get('/checkpoints/latest', { schema: { tags, summary: '最新签名检查点（SM2）' } }, async (req, reply) => {
    requirePermission(req, 'ledger.read');
    await ctx.ledger.flush();
    const cp = await latestCheckpoint(ctx.db);
    return cp ?? reply.status(404).type('application/problem+json').send({ status: 404, code: 'HUTONG_NOT_FOUND', title: '台账尚无检查点', detail: '台账尚无检查点' });
  });

  r.get('/proofs/inclusion', { schema: { tags, summary: '包含证明（RFC 6962）', querystring: z.object({ seq: z.coerce.number().int().min(0), treeSize: z.coerce.number().int().min(1).optional() }) } }, async (req) => {
    requirePermission(req, 'ledger.read');
    await ctx.ledger.flush();
    return inclusion(ctx.db, req.query.seq, req.query.treeSize);
  });

  r.get('/proofs/consistency', { schema: { tags, summary: '一致性证明（RFC 6962）', querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1).optional() }) } }, async (req) => {
    requirePermission(req, 'ledger.read');
    await ctx.ledger.flush();
    return consistency(ctx.db, req.query.from, req.query.to);
  });
};
