/** Who may submit for publication review (第八、十三、十四条) and who may review. */
import { describe, expect, it } from 'vitest';
import { can } from '../orgs/roles.ts';
import { publishRefusal } from './publishers.ts';

describe('publication.submit and publication.review', () => {
  it.each([
    ['department_staff', 'media'], ['department_staff', 'publicity'], ['department_staff', 'school'], ['department_staff', 'court'],
    ['department_staff', 'education'], ['civil_affairs_officer', 'civil_affairs'],
  ] as const)('%s of %s may submit', (role, org) => {
    expect(publishRefusal(role, org)).toBeNull();
  });

  it.each([
    ['volunteer', 'volunteer_team', /志愿者.*不能提交/u],
    ['social_worker', 'social_org', /社会工作者.*不能提交/u],
    ['reviewer', 'publicity', /审核员.*不能提交/u],
    ['department_staff', 'health', /卫生健康不能提交/u],
    ['department_staff', null, /未归属机构/u],
  ] as const)('%s of %s may not', (role, org, message) => {
    expect(publishRefusal(role, org)?.message).toMatch(message);
  });

  it('reviewers and protection officers review; submitters do not review their own kind of work', () => {
    expect(can('reviewer', 'publication.review')).toBe(true);
    expect(can('protection_officer', 'publication.review')).toBe(true);
    expect(can('department_staff', 'publication.review')).toBe(false);
    expect(can('reviewer', 'child.read')).toBe(false);
  });
});
