import { CHILD_CATEGORIES, GENDERS } from '@hutong/core';
import { getDivisions } from '@hutong/divisions';
import type { RawChildInput } from '../registry/child-input.ts';
import { HEADERS } from '../import/import-columns.ts';
import type { ChildPlace, SyntheticChild } from './synthetic-people.ts';

/** A synthetic child as the API/seed takes it. */
export function toRawInput(c: SyntheticChild): RawChildInput {
  return { ...c, guardians: c.guardians.map((g) => ({ ...g })) };
}

/** A synthetic child as one row of the import template (fixtures, benchmark files). */
export function toSheetRow(c: SyntheticChild): Record<string, string> {
  const join = (f: (g: SyntheticChild['guardians'][number]) => string) => c.guardians.map(f).join('；');
  const row: Record<string, string> = {
    姓名: c.name, 性别: GENDERS[c.gender], 出生日期: c.birthDate, 身份证号: c.idNumber ?? '', 区划代码: c.regionCode,
    现住址: c.residenceAddress, 就读学校: c.school ?? '', 儿童类别: c.categories.map((k) => CHILD_CATEGORIES[k]).join('；'),
    监护人姓名: join((g) => g.name), 监护人关系: join((g) => g.relation), 监护人电话: join((g) => g.phone),
    民族: c.ethnicity, 年级: c.grade ?? '', 健康状况: c.health ?? '', 残疾情况: c.disability ?? '',
  };
  return Object.fromEntries(HEADERS.map((h) => [h, row[h] ?? '']));
}

/** The villages (村/社区) under a township or county, ready for synthetic addresses. */
export function placesUnder(code: string, limit = Infinity): ChildPlace[] {
  const d = getDivisions();
  const out: ChildPlace[] = [];
  const visit = (c: string) => {
    for (const child of d.children(c)) {
      if (out.length >= limit) return;
      if (child.level === 5) {
        const town = d.get(child.parentCode!)!;
        out.push({
          regionCode: child.code,
          placeName: `${d.fullName(town.code)}${child.shortName ?? child.name}`,
          townWord: (town.shortName ?? town.name).replace(/(镇|乡|街道|民族乡)$/u, '').slice(0, 3),
        });
      } else visit(child.code);
    }
  };
  visit(code);
  return out;
}
