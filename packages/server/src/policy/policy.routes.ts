import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkPolicyScenario, errors, ORG_TYPES, PURPOSES_CATALOGUE, type PurposeCode } from '@hutong/core';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requireActor } from '../auth/auth.plugin.ts';

const tags = ['合法性判定'];

/**
 * The purposes catalogue and the decision's dry run (policy simulator) for officers and auditors.
 * The simulator reads no child: it decides hypothetical scenarios with the same pure function
 * that guards every real access, so the console never re-derives a rule.
 */
export const policyRoutes: FastifyPluginAsync<RouteOptions> = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/purposes', { schema: { tags, summary: '处理目的目录（含各机构类型可用字段、法定职责、保存期限）' } }, async (req) => {
    requireActor(req);
    return Object.values(PURPOSES_CATALOGUE).map((p) => ({
      code: p.code, label: p.label, forbidden: p.forbidden, publication: p.publication,
      orgTypes: p.orgTypes.map((t) => ({ code: t, label: ORG_TYPES[t] })),
      fieldRules: p.fieldRules.map((f) => ({ orgTypes: f.orgTypes, acts: f.acts, fields: f.fields })),
      statutoryDuties: p.statutoryDuties.map((d) => ({ orgTypes: d.orgTypes, acts: d.acts, message: d.message })),
      retention: p.retention,
    }));
  });

  r.get('/purposes/:code', { schema: { tags, summary: '单个处理目的', params: z.object({ code: z.string() }) } }, async (req) => {
    requireActor(req);
    const p = PURPOSES_CATALOGUE[req.params.code as PurposeCode];
    if (!p) throw errors.notFound('处理目的');
    return p;
  });

  r.post('/policy/check', {
    schema: { tags, summary: '合法性判定演练：输入与 hutong policy check 的每行相同，输出允许/拒绝、可用字段与理由', body: z.array(z.record(z.string(), z.unknown())).min(1).max(500) },
  }, async (req) => {
    requireActor(req);
    return req.body.map((scenario, i) => {
      const checked = checkPolicyScenario(scenario);
      if (!checked.ok) return { index: i, id: checked.id, error: { code: 'HUTONG_VALIDATION', fields: checked.problems } };
      return { index: i, ...checked.result! };
    });
  });
};
