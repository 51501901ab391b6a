/**
 * Purpose codes of the purposes catalogue (第七至十一条 name the work each department does).
 * The last three are forbidden outright by 第十五条 whatever consent exists.
 */
export const PURPOSE_CODES = {
  social_assistance: '社会救助',
  charity_assistance: '慈善帮扶',
  care_service: '关爱服务',
  education_aid: '奖励/资助/爱心捐助',
  medical_care: '医疗救治',
  case_handling: '案件侦查/调查取证/审查起诉/审判',
  legal_aid: '法律援助',
  family_education: '家庭教育指导',
  disability_service: '残疾康复与服务',
  publicity: '宣传报道/发布',
  statistics: '统计分析',
  fundraising: '募捐',
  livestream_commerce: '直播带货',
  traffic: '博眼球/赚流量',
} as const;
export type PurposeCode = keyof typeof PURPOSE_CODES;
export const FORBIDDEN_PURPOSES: readonly PurposeCode[] = ['fundraising', 'livestream_commerce', 'traffic'];
export function isPurposeCode(s: string): s is PurposeCode {
  return Object.hasOwn(PURPOSE_CODES, s);
}
