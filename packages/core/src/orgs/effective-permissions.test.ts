import { describe, expect, it } from 'vitest';
import { effectivePermissions } from './effective-permissions.ts';
import { ROLE_PERMISSIONS } from './roles.ts';

describe('effective permissions: the role narrowed by the org’s duty', () => {
  it('第五条: a department’s staff handle leak incidents only in a cyberspace office', () => {
    expect(effectivePermissions('department_staff', 'cyberspace')).toContain('incident.manage');
    expect(effectivePermissions('department_staff', 'school')).not.toContain('incident.manage');
    expect(effectivePermissions('civil_affairs_officer', 'civil_affairs')).toContain('incident.manage');
  });

  it('第八、十四条: a department’s staff submit for publication only in an org that publishes about children', () => {
    expect(effectivePermissions('department_staff', 'media')).toContain('publication.submit');
    expect(effectivePermissions('department_staff', 'school')).toContain('publication.submit');
    expect(effectivePermissions('department_staff', 'health')).not.toContain('publication.submit');
    expect(effectivePermissions('department_staff', null)).not.toContain('publication.submit');
  });

  it('never adds a permission the role lacks', () => {
    expect(effectivePermissions('volunteer', 'cyberspace')).toEqual([...ROLE_PERMISSIONS.volunteer]);
    expect(effectivePermissions('reviewer', 'publicity')).not.toContain('publication.submit');
  });
});
