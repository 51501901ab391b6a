import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, normaliseRegionCode } from '@hutong/core';
import { getDivisions, type Division } from '@hutong/divisions';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { requirePermission } from '../auth/auth.plugin.ts';
import { NATIONWIDE } from '../access/jurisdiction.ts';

const tags = ['行政区划'];
const region = z.object({ code: z.string(), name: z.string(), shortName: z.string().optional(), alias: z.string().optional(), level: z.number(), hasChildren: z.boolean() });

function dto(d: Division) {
  return { code: d.code, name: d.name, ...(d.shortName ? { shortName: d.shortName } : {}), ...(d.alias ? { alias: d.alias } : {}), level: d.level, hasChildren: d.level < 5 && getDivisions().children(d.code).length > 0 };
}

/** The 2023 statistical division tree shipped in @hutong/divisions (public data, no ledger). */
export const regionsRoutes: FastifyPluginAsync<RouteOptions> = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/', { schema: { tags, summary: '下级区划（不带 parent 时为本人辖区的根）', querystring: z.object({ parent: z.string().optional() }), response: { 200: z.array(region) } } }, async (req) => {
    const actor = requirePermission(req, 'region.read');
    const d = getDivisions();
    if (!req.query.parent) {
      if (actor.jurisdiction === NATIONWIDE) return d.children(NATIONWIDE).map(dto);
      const root = d.get(actor.jurisdiction);
      return root ? [dto(root)] : [];
    }
    const parent = parse(req.query.parent, 'parent');
    return d.children(parent).map(dto);
  });

  r.get('/search', { schema: { tags, summary: '按名称查找区划', querystring: z.object({ q: z.string().min(1, '请输入名称').max(50), within: z.string().optional() }), response: { 200: z.array(region.extend({ fullName: z.string() })) } } }, async (req) => {
    const actor = requirePermission(req, 'region.read');
    const d = getDivisions();
    const within = req.query.within ? parse(req.query.within, 'within') : actor.jurisdiction === NATIONWIDE ? undefined : actor.jurisdiction;
    return d.findByName(req.query.q.trim(), { ...(within ? { within } : {}), limit: 50 }).map((x) => ({ ...dto(x), fullName: d.fullName(x.code) ?? x.name }));
  });

  r.get('/:code', { schema: { tags, summary: '区划详情与上级路径', params: z.object({ code: z.string() }) } }, async (req) => {
    requirePermission(req, 'region.read');
    const d = getDivisions();
    const code = parse(req.params.code, 'code');
    const x = d.get(code);
    if (!x) throw errors.notFound('区划');
    return { ...dto(x), fullName: d.fullName(code) ?? x.name, path: d.path(code).map((p) => ({ code: p.code, name: p.name, level: p.level })) };
  });
};

function parse(code: string, field: string): string {
  try {
    return code === NATIONWIDE ? NATIONWIDE : normaliseRegionCode(code);
  } catch {
    throw errors.validation([{ field, message: '区划代码应为 2、4、6、9 或 12 位数字' }]);
  }
}
