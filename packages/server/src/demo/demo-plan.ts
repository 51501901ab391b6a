import type { OrgType, Role } from '@hutong/core';

/**
 * The demo's organisations and accounts, as data. Places are real (2023 division codes) so the
 * region pickers and jurisdiction checks behave as in production; every organisation name
 * carries （演示） so nobody mistakes it for the real office.
 */
export const DEMO_COUNTY = '350724000000';     // 福建省南平市松溪县
export const DEMO_TOWNSHIPS = ['350724101000', '350724102000'] as const; // 郑墩镇、渭田镇
export const OTHER_COUNTY = '430524000000';    // 湖南省邵阳市隆回县
export const VILLAGES_PER_TOWNSHIP = 6;
/** Share of the children placed in the second county (to show jurisdiction boundaries). */
export const OTHER_COUNTY_SHARE = 0.1;

export interface DemoOrg { key: string; name: string; type: OrgType; region: string }

export const DEMO_ORGS: readonly DemoOrg[] = [
  { key: 'county', name: '松溪县民政局（演示）', type: 'civil_affairs', region: DEMO_COUNTY },
  { key: 'zd', name: '松溪县郑墩镇民政办（演示）', type: 'civil_affairs', region: DEMO_TOWNSHIPS[0] },
  { key: 'wt', name: '松溪县渭田镇民政办（演示）', type: 'civil_affairs', region: DEMO_TOWNSHIPS[1] },
  { key: 'edu', name: '松溪县教育局（演示）', type: 'education', region: DEMO_COUNTY },
  { key: 'school', name: '松溪县郑墩青禾中心小学（演示）', type: 'school', region: DEMO_TOWNSHIPS[0] },
  { key: 'ngo', name: '松溪县童心社会工作服务中心（演示）', type: 'social_org', region: DEMO_COUNTY },
  // 发布审核 (第十四条) and 泄露巡查 (第五条) need a publicity department and a cyberspace office.
  { key: 'publicity', name: '中共松溪县委宣传部（演示）', type: 'publicity', region: DEMO_COUNTY },
  { key: 'cac', name: '松溪县委网信办（演示）', type: 'cyberspace', region: DEMO_COUNTY },
  { key: 'other', name: '隆回县民政局（演示）', type: 'civil_affairs', region: OTHER_COUNTY },
];

export interface DemoAccount { username: string; org: string; role: Role; jurisdiction?: string }

/** Fixed accounts; one 儿童主任 per demo village is added by the seed (zd.zhuren1…). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'sx.baohu', org: 'county', role: 'protection_officer' },
  { username: 'sx.minzheng', org: 'county', role: 'civil_affairs_officer' },
  { username: 'sx.shenji', org: 'county', role: 'auditor' },
  { username: 'sx.shenhe', org: 'county', role: 'reviewer' },
  { username: 'zd.minzheng', org: 'zd', role: 'civil_affairs_officer' },
  { username: 'zd.dudao', org: 'zd', role: 'child_supervisor' },
  { username: 'wt.minzheng', org: 'wt', role: 'civil_affairs_officer' },
  { username: 'wt.dudao', org: 'wt', role: 'child_supervisor' },
  { username: 'sx.jiaoyu', org: 'edu', role: 'department_staff' },
  { username: 'qh.xiaoyuan', org: 'school', role: 'department_staff' },
  { username: 'tx.shegong', org: 'ngo', role: 'social_worker' },
  { username: 'tx.zhiyuan', org: 'ngo', role: 'volunteer' },
  { username: 'sx.xuanchuan', org: 'publicity', role: 'department_staff' },
  { username: 'sx.wangxin', org: 'cac', role: 'department_staff' },
  { username: 'lh.baohu', org: 'other', role: 'protection_officer' },
  { username: 'lh.minzheng', org: 'other', role: 'civil_affairs_officer' },
];

export const VISIT_NOTES: ReadonlyArray<{ kind: 'home' | 'phone' | 'school'; notes: string }> = [
  { kind: 'home', notes: '儿童在家，由祖母照料，饮食起居正常；已提醒按时接种疫苗。' },
  { kind: 'home', notes: '父母外出务工，已与父亲视频通话，约定每周联系一次。' },
  { kind: 'phone', notes: '电话回访：近期学习情况良好，班主任反映出勤正常。' },
  { kind: 'home', notes: '住房漏雨，已报镇民政办协调危房改造。' },
  { kind: 'school', notes: '到校了解：儿童情绪低落，已转介学校心理老师跟进。' },
  { kind: 'home', notes: '家庭经济困难，已协助申请临时救助。' },
];
