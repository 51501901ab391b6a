import type { PresetName } from '../../api/redact.ts';

export interface PresetInfo {
  name: PresetName;
  title: string;
  /** What it does, in one line a 儿童主任 can follow. */
  does: string;
  basis: string;
}

export const PRESETS: readonly PresetInfo[] = [
  { name: 'news', title: '宣传报道', does: '姓名改化名，地址、学校只写到县，删去证件号、联系方式和募捐用语，“留守儿童”等标签改为中性说法', basis: '第十三、十四条' },
  { name: 'judgment', title: '裁判文书', does: '姓名改为“张某”，地点只留到县，身份证号遮盖，联系方式、账号、车牌删除', basis: '法释〔2016〕19号' },
  { name: 'aid_list', title: '名单公示', does: '姓名遮盖（如“张*”），删去困境类别、证件号和联系方式，地址只写到县', basis: '第八条' },
  { name: 'stats', title: '统计报表', does: '删去姓名、证件号、联系方式等能认出具体儿童的信息，保留县、年份和类别供统计', basis: '统计（第十二条）' },
];

export const presetTitle = (name: string): string => PRESETS.find((p) => p.name === name)?.title ?? name;

/** Background and underline per type; identifiers warm, places green, wording purple. */
export const TYPE_COLOURS: Record<string, { bg: string; line: string }> = {
  PERSON: { bg: '#ffe7ba', line: '#fa8c16' },
  ID_CARD: { bg: '#ffccc7', line: '#f5222d' },
  PHONE: { bg: '#ffd6e7', line: '#eb2f96' },
  BANK_CARD: { bg: '#ffccc7', line: '#cf1322' },
  EMAIL: { bg: '#d6e4ff', line: '#2f54eb' },
  QQ: { bg: '#d6e4ff', line: '#1d39c4' },
  WECHAT: { bg: '#d9f7be', line: '#389e0d' },
  PLATE: { bg: '#fff1b8', line: '#d4b106' },
  PASSPORT: { bg: '#ffccc7', line: '#a8071a' },
  DATE_OF_BIRTH: { bg: '#e6fffb', line: '#13c2c2' },
  ADDRESS: { bg: '#d9f7be', line: '#52c41a' },
  SCHOOL: { bg: '#b5f5ec', line: '#08979c' },
  LABEL: { bg: '#efdbff', line: '#722ed1' },
  EXPLOIT_CUE: { bg: '#ffd8bf', line: '#d4380d' },
};

export const colourOf = (type: string) => TYPE_COLOURS[type] ?? { bg: '#f0f0f0', line: '#8c8c8c' };

export const OPERATORS: Record<string, string> = {
  court: '改为“某”', pseudonym: '改为化名', mask: '遮盖', generalise: '泛化到县', replace: '替换', delete: '删除', neutralise: '改为中性用语', keep: '保留',
};

const SOURCES: Record<string, string> = {
  id_card: '身份证号规则（含校验位）', phone: '电话号码规则', bank_card: '银行卡号规则（含校验位）', email: '电子邮箱规则', qq: 'QQ 号规则',
  wechat: '微信号规则', plate: '车牌号规则', passport: '护照号规则', date_of_birth: '出生日期规则', label_lexicon: '标签化用语词表',
  exploit_lexicon: '募捐/直播用语词表', address_gazetteer: '行政区划地名库', school_pattern: '学校名称规则', person_tagger: '人名识别模型',
  person: '人名识别模型', registry: '本机构名册',
};

/** `person_tagger+recurrence` → 人名识别模型（同一文字再次出现）. */
export function sourceLabel(source: string): string {
  const [base = source, ...more] = source.split('+');
  const label = SOURCES[base] ?? (base.startsWith('column:') ? `列名“${base.slice(7)}”` : base);
  return more.includes('recurrence') ? `${label}（同一文字再次出现）` : label;
}
