/**
 * What a reviewer may leave unprocessed. 第十四条 forbids publishing a child's 姓名、家庭住址、肖像、
 * 声音影像、就读学校 and allows them only 确因工作需要 (and then with consent, 第十三条): so a name,
 * a place, a school or a face may be kept by a reviewer who says why, and the decision then asks
 * for consent. Numbers and contacts are never needed in a publication (个人信息保护法 第六条), a
 * voice is always altered, labels and cues never stay (第十五条), and a court's case release keeps
 * nothing that identifies the child (《未成年人保护法》第一百零三条).
 */
import { CLAUSES } from '../basis/clauses.ts';
import type { OrgType } from '../orgs/org-types.ts';

/** Types a reviewer may keep when consented and needed (第十四条: 确因工作需要). */
export const KEEPABLE_TYPES: readonly string[] = Object.freeze(['PERSON', 'ADDRESS', 'SCHOOL', 'FACE']);

const TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  PERSON: '姓名', ID_CARD: '身份证号', PHONE: '电话号码', BANK_CARD: '银行卡号', EMAIL: '电子邮箱', QQ: 'QQ 号', WECHAT: '微信号',
  PLATE: '车牌号', PASSPORT: '护照号', DATE_OF_BIRTH: '出生日期', ADDRESS: '住址', SCHOOL: '就读学校', FACE: '肖像', VOICE: '声音',
  LABEL: '标签化用语', EXPLOIT_CUE: '募捐/直播/带货用语', EMBEDDED_MEDIA: '内嵌图片',
});

export function elementTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

export interface KeepRefusal {
  readonly clause: string;
  readonly message: string;
}

/** Null when a reviewer may keep an element of this type in this submitter's publication. */
export function keepRefusal(type: string, submitterOrgType: OrgType): KeepRefusal | null {
  const what = elementTypeLabel(type);
  if (type === 'LABEL' || type === 'EXPLOIT_CUE') {
    return { clause: CLAUSES.m15, message: `${what}不得保留：任何组织和个人不得将困境儿童标签化，不得利用其个人信息博眼球、赚流量或募捐、直播带货` };
  }
  if (type === 'EMBEDDED_MEDIA') return { clause: CLAUSES.m14, message: '文档内嵌的图片不能在此保留或去除，请取出图片单独送审' };
  if (type === 'VOICE') return { clause: CLAUSES.m14, message: '声音一律变声处理，不得保留原声（第十四条：声音影像须做技术处理）' };
  if (!KEEPABLE_TYPES.includes(type)) {
    return { clause: CLAUSES.pipl6, message: `${what}不是发布所必需的信息，不得保留（最小必要原则）` };
  }
  if (submitterOrgType === 'court') {
    return { clause: CLAUSES.mpl103, message: `案例发布不得披露案件中未成年人的姓名、影像、住所、就读学校以及其他可能识别其身份的信息，${what}不得保留` };
  }
  return null;
}
