/**
 * The one field catalogue (第三条: information that identifies a child alone or combined).
 * Storage encryption, API projection, masking, exports and the redaction registry all read
 * this table; nothing else restates which field is how sensitive.
 */

/** 直接标识 / 位置 / 敏感 / 一般 — drives encryption, masking and minimum-necessary rules. */
export type SensitivityClass = 'direct' | 'location' | 'sensitive' | 'general';

export type MaskStyle = 'name' | 'idNumber' | 'phone' | 'address' | 'school' | 'birthDate' | 'hidden' | 'none';

/** Which record holds the field: the child row, its guardian rows, or home-visit rows. */
export type FieldOwner = 'child' | 'guardian' | 'visit';

/** Detector types of the 技术处理 engine that a field's values feed (REGISTRY dictionary). */
export type RegistryTermType = 'PERSON' | 'ID_CARD' | 'PHONE' | 'ADDRESS' | 'SCHOOL';

export interface FieldSpec {
  readonly key: FieldKey;
  readonly label: string;
  readonly sensitivity: SensitivityClass;
  readonly owner: FieldOwner;
  /** Encrypted per field with the child's data key (个人信息保护法 第五十一条). */
  readonly encrypted: boolean;
  readonly mask: MaskStyle;
  /** Name of the keyed blind index that allows exact look-up, if any. */
  readonly blindIndex?: string;
  readonly registryTerm?: RegistryTermType;
  /** 个人信息保护法 第二十八条: sensitive personal information of a minor. */
  readonly note?: string;
}

export const FIELD_KEYS = [
  'name', 'gender', 'birthDate', 'idNumber', 'ethnicity', 'photo', 'phone',
  'householdAddress', 'residenceAddress', 'regionCode', 'school', 'grade',
  'categories', 'health', 'disability', 'abuseVictim', 'guardianSituation',
  'guardianName', 'guardianRelation', 'guardianPhone', 'guardianIdNumber',
  'assistance', 'visitNotes',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

const spec = (s: FieldSpec): FieldSpec => Object.freeze(s);

export const FIELD_CATALOGUE: Readonly<Record<FieldKey, FieldSpec>> = Object.freeze({
  name: spec({ key: 'name', label: '姓名', sensitivity: 'direct', owner: 'child', encrypted: true, mask: 'name', blindIndex: 'name_birth', registryTerm: 'PERSON' }),
  gender: spec({ key: 'gender', label: '性别', sensitivity: 'general', owner: 'child', encrypted: false, mask: 'none' }),
  // Birth date with gender and village re-identifies a child, so it is encrypted and masked to the year.
  birthDate: spec({ key: 'birthDate', label: '出生日期', sensitivity: 'general', owner: 'child', encrypted: true, mask: 'birthDate' }),
  idNumber: spec({ key: 'idNumber', label: '身份证号', sensitivity: 'direct', owner: 'child', encrypted: true, mask: 'idNumber', blindIndex: 'id_number', registryTerm: 'ID_CARD' }),
  ethnicity: spec({ key: 'ethnicity', label: '民族', sensitivity: 'general', owner: 'child', encrypted: true, mask: 'none' }),
  photo: spec({ key: 'photo', label: '照片', sensitivity: 'direct', owner: 'child', encrypted: true, mask: 'hidden' }),
  phone: spec({ key: 'phone', label: '联系电话', sensitivity: 'direct', owner: 'child', encrypted: true, mask: 'phone', registryTerm: 'PHONE' }),
  householdAddress: spec({ key: 'householdAddress', label: '户籍地址', sensitivity: 'location', owner: 'child', encrypted: true, mask: 'address', registryTerm: 'ADDRESS' }),
  residenceAddress: spec({ key: 'residenceAddress', label: '现住址', sensitivity: 'location', owner: 'child', encrypted: true, mask: 'address', registryTerm: 'ADDRESS' }),
  // Kept in clear: jurisdiction is enforced on it in SQL, and a village code alone names no child (docs/decisions.md).
  regionCode: spec({ key: 'regionCode', label: '区划代码', sensitivity: 'location', owner: 'child', encrypted: false, mask: 'none' }),
  school: spec({ key: 'school', label: '就读学校', sensitivity: 'location', owner: 'child', encrypted: true, mask: 'school', blindIndex: 'school', registryTerm: 'SCHOOL' }),
  grade: spec({ key: 'grade', label: '年级', sensitivity: 'general', owner: 'child', encrypted: false, mask: 'none' }),
  categories: spec({ key: 'categories', label: '儿童类别', sensitivity: 'sensitive', owner: 'child', encrypted: true, mask: 'hidden', blindIndex: 'category', note: '第十五条：不得贴标签' }),
  health: spec({ key: 'health', label: '健康状况', sensitivity: 'sensitive', owner: 'child', encrypted: true, mask: 'hidden', note: '第十一条' }),
  disability: spec({ key: 'disability', label: '残疾情况', sensitivity: 'sensitive', owner: 'child', encrypted: true, mask: 'hidden', note: '第十一条' }),
  abuseVictim: spec({ key: 'abuseVictim', label: '遭受侵害情况', sensitivity: 'sensitive', owner: 'child', encrypted: true, mask: 'hidden', note: '第十一条' }),
  guardianSituation: spec({ key: 'guardianSituation', label: '监护情况', sensitivity: 'sensitive', owner: 'child', encrypted: true, mask: 'hidden' }),
  guardianName: spec({ key: 'guardianName', label: '监护人姓名', sensitivity: 'direct', owner: 'guardian', encrypted: true, mask: 'name', blindIndex: 'guardian_name', registryTerm: 'PERSON' }),
  guardianRelation: spec({ key: 'guardianRelation', label: '与儿童关系', sensitivity: 'general', owner: 'guardian', encrypted: false, mask: 'none' }),
  guardianPhone: spec({ key: 'guardianPhone', label: '监护人电话', sensitivity: 'direct', owner: 'guardian', encrypted: true, mask: 'phone', registryTerm: 'PHONE' }),
  guardianIdNumber: spec({ key: 'guardianIdNumber', label: '监护人身份证号', sensitivity: 'direct', owner: 'guardian', encrypted: true, mask: 'idNumber', blindIndex: 'guardian_id_number', registryTerm: 'ID_CARD' }),
  assistance: spec({ key: 'assistance', label: '救助帮扶情况', sensitivity: 'sensitive', owner: 'child', encrypted: true, mask: 'hidden' }),
  visitNotes: spec({ key: 'visitNotes', label: '走访记录', sensitivity: 'sensitive', owner: 'visit', encrypted: true, mask: 'hidden' }),
});

export const SENSITIVITY_LABELS: Readonly<Record<SensitivityClass, string>> = Object.freeze({
  direct: '直接标识信息', location: '位置信息', sensitive: '敏感信息', general: '一般信息',
});

export function fieldSpec(key: string): FieldSpec | undefined {
  return (FIELD_CATALOGUE as Record<string, FieldSpec>)[key];
}

export function isFieldKey(key: string): key is FieldKey {
  return Object.hasOwn(FIELD_CATALOGUE, key);
}

export function fieldsOf(owner: FieldOwner): FieldSpec[] {
  return FIELD_KEYS.map((k) => FIELD_CATALOGUE[k]).filter((f) => f.owner === owner);
}

/** Reading these counts as 使用 of identifying or sensitive data and is always ledgered (未成年人网络保护条例 第三十六条). */
export function isProtectedField(key: FieldKey): boolean {
  return FIELD_CATALOGUE[key].sensitivity !== 'general' || FIELD_CATALOGUE[key].encrypted;
}
