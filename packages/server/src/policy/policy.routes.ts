import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkPolicyScenario, errors, isPurposeCode, ORG_TYPE_KEYS, PROCESSING_ACT_KEYS, FIELD_KEYS, RETENTION_EVENTS } from '@hutong/core';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';
import { purposeDto, updatePurpose } from './purposes.service.ts';

const list = (max: number) => z.array(z.string().max(40)).max(max);
/** Shape only; what is lawful is purposeEditProblems' job (core), so the console gets per-rule paths. */
const purposeEditSchema = z.object({
  orgTypes: list(ORG_TYPE_KEYS.length),
  fieldRules: z.array(z.object({ orgTypes: list(ORG_TYPE_KEYS.length), acts: list(PROCESSING_ACT_KEYS.length), fields: list(FIELD_KEYS.length) }).strict()).max(40),
  retention: z.object({ until: list(Object.keys(RETENTION_EVENTS).length), graceMonths: z.number().int('宽限期应为整数'), byLaw: z.boolean(), note: z.string().max(500) }).strict(),
  changeNote: z.string().max(500).describe('修改说明（记入处理台账）'),
}).strict();

const tags = ['合法性判定'];

/**
 * The purposes catalogue and the decision's dry run (policy simulator) for officers and auditors.
 * The simulator reads no child: it decides hypothetical scenarios with the same pure function
 * that guards every real access, so the console never re-derives a rule.
 */
export const policyRoutes: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/purposes', { schema: { tags, summary: '处理目的目录（含各机构类型可用字段、法定职责、保存期限）' } }, async (req) => {
    requireActor(req);
    return Object.values(ctx.purposes.current()).map((p) => purposeDto(ctx, p));
  });

  r.get('/purposes/:code', { schema: { tags, summary: '单个处理目的', params: z.object({ code: z.string() }) } }, async (req) => {
    requireActor(req);
    if (!isPurposeCode(req.params.code)) throw errors.notFound('处理目的');
    return purposeDto(ctx, ctx.purposes.current()[req.params.code]);
  });

  r.put('/purposes/:code', { schema: { tags, summary: '修改处理目的（个人信息保护负责人；受第八、十、十一、十四、十五条约束，记入台账）', params: z.object({ code: z.string().max(40) }), body: purposeEditSchema } },
    async (req) => updatePurpose(ctx, requireActor(req), req.params.code, req.body));

  r.post('/policy/check', {
    schema: { tags, summary: '合法性判定演练：输入与 hutong policy check 的每行相同，输出允许/拒绝、可用字段与理由', body: z.array(z.record(z.string(), z.unknown())).min(1).max(500) },
  }, async (req) => {
    requireActor(req);
    return req.body.map((scenario, i) => {
      const checked = checkPolicyScenario(scenario, ctx.purposes.current());
      if (!checked.ok) return { index: i, id: checked.id, error: { code: 'HUTONG_VALIDATION', fields: checked.problems } };
      return { index: i, ...checked.result! };
    });
  });
};
