import { z } from 'zod';
import { ORG_TYPE_KEYS, ORG_TYPES, type OrgType } from '@hutong/core';
import { regionName } from './region-check.ts';
import type { OrgRow } from './orgs.repo.ts';

const name = z.string().trim().min(2, '机构名称至少 2 个字').max(100, '机构名称不能超过 100 个字');
const type = z.enum(ORG_TYPE_KEYS as [OrgType, ...OrgType[]], { message: '机构类型不在允许范围内' });
const regionCode = z.string().trim().regex(/^\d{2,12}$/, '行政区划代码应为 2、4、6、9 或 12 位数字');

export const createOrgBody = z.object({ name, type, regionCode });

export const patchOrgBody = z.object({ name: name.optional(), type: type.optional(), regionCode: regionCode.optional() })
  .refine((b) => b.name !== undefined || b.type !== undefined || b.regionCode !== undefined, { message: '至少修改一项：name、type 或 regionCode' });

export const orgIdParams = z.object({ id: z.uuid('机构编号格式不正确') });

export const orgDto = z.object({
  id: z.string(), name: z.string(), type: z.string(), typeLabel: z.string(),
  regionCode: z.string(), regionName: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export type OrgDto = z.infer<typeof orgDto>;
export const orgListResponse = z.object({ items: z.array(orgDto) });

export function toOrgDto(o: OrgRow): OrgDto {
  const code = o.region_code.trim();
  return {
    id: o.id, name: o.name, type: o.type, typeLabel: ORG_TYPES[o.type as OrgType] ?? o.type,
    regionCode: code, regionName: regionName(code),
    createdAt: o.created_at.toISOString(), updatedAt: o.updated_at.toISOString(),
  };
}
