import type { Permission } from '@hutong/core';

/** Chinese names for refusals ("角色…没有…权限"); core keeps the dotted keys only. */
export const PERMISSION_LABELS: Readonly<Record<Permission, string>> = Object.freeze({
  'org.manage': '管理机构',
  'user.manage': '管理用户账号',
  'region.read': '查看行政区划',
  'child.read': '查看儿童信息',
  'child.write': '录入和修改儿童信息',
  'child.import': '批量导入儿童信息',
  'child.export': '导出儿童信息',
  'visit.write': '记录走访',
  'ledger.read': '查看处理台账',
  'ledger.verify': '校验处理台账',
  'purpose.manage': '维护处理目的目录',
  'sharing.request': '申请数据共享',
  'sharing.approve': '审批数据共享',
  'publication.submit': '提交发布审核',
  'publication.review': '审核发布内容',
  'screen.build': '编制泄露巡查包',
  'incident.manage': '处置泄露事件',
});
