import { z } from 'zod';
import { TODO_KINDS } from './dashboard-todo.ts';

const count = z.object({
  count: z.number().int().nullable().describe('null 表示少于 5 而不显示（或为防止相减推算而一并不显示）'),
  suppressed: z.boolean(),
});
const cell = count.extend({ key: z.string(), label: z.string() });

const todo = z.object({
  kind: z.enum(TODO_KINDS),
  count: z.number().int(),
  items: z.array(z.object({ id: z.string(), title: z.string(), note: z.string(), childId: z.string().optional() })).max(5).describe('前 5 条；儿童姓名已脱敏'),
});

export const dashboardSchema = z.object({
  todo: z.array(todo).describe('只含本角色有权处理的待办'),
  figures: z.object({
    asOf: z.string().describe('统计时间；同一账号 60 秒内重复打开首页沿用同一结果'),
    minCell: z.number().int(),
    children: count.describe('辖区内在册儿童数'),
    byCategory: z.array(cell).describe('按儿童类别；一名儿童可属多个类别'),
    regionLevel: z.string().describe('按区划统计的层级（管辖区划的下一级）'),
    byRegion: z.array(cell),
    consent: z.object({ covered: count, notCovered: count, share: z.number().nullable() })
      .describe('至少有一份现行有效同意或已登记告知监护人的儿童；依法定职责处理、无须同意的儿童计入未覆盖'),
  }).optional().describe('仅有查阅名册权限（child.read）的角色'),
});
export type DashboardDto = z.infer<typeof dashboardSchema>;
