/**
 * Who submits material for publication review. The permission (publication.submit) sits on the
 * roles that draft publicity: 部门工作人员 and 民政工作人员. The role alone is not enough: the
 * account's org must be one that publishes about children in its own work —
 *  - 宣传、广电、文旅 departments and news media / online platforms (第十四条: 制作、引进、播出图书、
 *    报刊、电影、广播电视节目或者网络信息);
 *  - 教育部门 and schools (第八条: 奖励、资助、爱心捐助 lists and notices);
 *  - courts (典型案例发布; 《未成年人保护法》第一百零三条 governs what a case release may show);
 *  - civil-affairs departments (救助名单公示, work reports; 第七条 lets them hold the registry).
 * Anyone else (a volunteer, a social worker of an activity organisation) publishes through one of these.
 */
import { CLAUSES } from '../basis/clauses.ts';
import { ORG_TYPES, type OrgType } from '../orgs/org-types.ts';
import { can, ROLES, type Role } from '../orgs/roles.ts';

export const PUBLISHING_ORG_TYPES: readonly OrgType[] = Object.freeze([
  'publicity', 'media', 'radio_tv', 'culture_tourism', 'education', 'school', 'court', 'civil_affairs',
] as OrgType[]);

export interface PublishRefusal {
  readonly clause: string;
  readonly message: string;
}

/** Null when this account may submit; otherwise why not, citing the article. */
export function publishRefusal(role: Role, orgType: OrgType | null): PublishRefusal | null {
  if (!can(role, 'publication.submit')) {
    return { clause: CLAUSES.reg36, message: `角色“${ROLES[role]}”不能提交发布审核：发布涉及困境儿童的内容由宣传、媒体、学校、法院或民政部门的工作人员提交（按最小授权原则）` };
  }
  if (!orgType || !PUBLISHING_ORG_TYPES.includes(orgType)) {
    const allowed = PUBLISHING_ORG_TYPES.map((t) => ORG_TYPES[t]).join('、');
    return { clause: CLAUSES.m14, message: `${orgType ? ORG_TYPES[orgType] : '未归属机构的账号'}不能提交发布审核；可提交的机构：${allowed}（第八、十三、十四条）` };
  }
  return null;
}
