/** 第六至十一条 name the departments; each org sits at a region and answers for its own data (第四条). */
export const ORG_TYPES = {
  civil_affairs: '民政',
  education: '教育',
  health: '卫生健康',
  public_security: '公安',
  court: '法院',
  procuratorate: '检察院',
  justice: '司法行政',
  political_legal: '政法委',
  cyberspace: '网信',
  publicity: '宣传',
  culture_tourism: '文旅',
  radio_tv: '广电',
  women_children_committee: '妇儿工委办',
  trade_union: '工会',
  youth_league: '共青团',
  womens_federation: '妇联',
  disabled_persons_federation: '残联',
  care_committee: '关工委',
  legal_service: '法律服务机构',
  welfare_institution: '儿童福利/未成年人救助保护机构',
  school: '学校',
  medical: '医疗卫生机构',
  social_org: '社会组织',
  volunteer_team: '志愿者队伍',
  media: '新闻媒体/网络平台',
} as const;
export type OrgType = keyof typeof ORG_TYPES;
export const ORG_TYPE_KEYS = Object.keys(ORG_TYPES) as OrgType[];
export function isOrgType(s: string): s is OrgType {
  return Object.hasOwn(ORG_TYPES, s);
}
