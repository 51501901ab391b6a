/**
 * 儿童类别. 困境儿童 has the three kinds of 国发〔2016〕36号; the Fujian notice forwarding the
 * measures (闽民童〔2025〕18号) adds left-behind, migrant, orphaned and de-facto-unattended children.
 * The category itself is sensitive (第十五条: no labelling) and is stored encrypted.
 */
export const CHILD_CATEGORIES = {
  orphan: '孤儿',
  de_facto_unattended: '事实无人抚养儿童',
  difficulty_poverty: '困境儿童（家庭经济困难）',
  difficulty_disability: '困境儿童（自身残疾）',
  difficulty_guardianship: '困境儿童（监护缺失或监护不当）',
  left_behind: '农村留守儿童',
  migrant: '流动儿童',
} as const;
export type ChildCategory = keyof typeof CHILD_CATEGORIES;
export const CHILD_CATEGORY_KEYS = Object.keys(CHILD_CATEGORIES) as ChildCategory[];

/** Accepts the code or the Chinese label (as in import files); also the short forms officers write. */
export function parseCategory(s: string): ChildCategory | undefined {
  const t = s.trim();
  if (Object.hasOwn(CHILD_CATEGORIES, t)) return t as ChildCategory;
  const byLabel = CHILD_CATEGORY_KEYS.find((k) => CHILD_CATEGORIES[k] === t);
  if (byLabel) return byLabel;
  return SHORT_FORMS[t];
}

const SHORT_FORMS: Record<string, ChildCategory> = {
  事实无人抚养: 'de_facto_unattended',
  留守儿童: 'left_behind',
  困境儿童家庭经济困难: 'difficulty_poverty',
  家庭经济困难: 'difficulty_poverty',
  困境儿童自身残疾: 'difficulty_disability',
  自身残疾: 'difficulty_disability',
  困境儿童监护缺失: 'difficulty_guardianship',
  监护缺失或监护不当: 'difficulty_guardianship',
  监护缺失: 'difficulty_guardianship',
  监护不当: 'difficulty_guardianship',
};

export const GENDERS = { male: '男', female: '女' } as const;
export type Gender = keyof typeof GENDERS;
export function parseGender(s: string): Gender | undefined {
  const t = s.trim();
  if (t === 'male' || t === '男') return 'male';
  if (t === 'female' || t === '女') return 'female';
  return undefined;
}

export const GUARDIAN_RELATIONS = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '兄', '姐', '其他亲属', '村（居）民委员会', '民政部门', '其他'] as const;
