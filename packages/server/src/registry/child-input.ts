import {
  CHILD_CATEGORIES, checkIdNumber, isValidCalendarDate, normaliseRegionCode, parseCategory, parseGender,
  type ChildCategory, type FieldProblem, type Gender,
} from '@hutong/core';
import { getDivisions, idRegionExists } from '@hutong/divisions';

/** A child as it arrives from the API, an import row or the demo seed — before any checks. */
export interface RawChildInput {
  name?: unknown; gender?: unknown; birthDate?: unknown; idNumber?: unknown; ethnicity?: unknown;
  phone?: unknown; householdAddress?: unknown; residenceAddress?: unknown; regionCode?: unknown;
  school?: unknown; grade?: unknown; categories?: unknown; health?: unknown; disability?: unknown;
  abuseVictim?: unknown; guardianSituation?: unknown; assistance?: unknown;
  guardians?: unknown; canExpressWill?: unknown;
}

export interface GuardianInput { name: string; relation: string; phone?: string; idNumber?: string }

export interface ChildInput {
  name: string; gender: Gender; birthDate: string; idNumber?: string; ethnicity?: string; phone?: string;
  householdAddress?: string; residenceAddress?: string; regionCode: string; school?: string; grade?: string;
  categories: ChildCategory[]; health?: string; disability?: string; abuseVictim?: string;
  guardianSituation?: string; assistance?: string; guardians: GuardianInput[];
  /** 第十二条第三款: false when the child cannot express a will; absent means able. */
  canExpressWill?: boolean;
}


const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const TEXT_MAX = 2000;

/**
 * Every rule a child record must meet, shared by API, import and seed so that a row refused by
 * one is refused by all. Returns all problems, each naming its field, rather than the first.
 */
export function validateChildInput(raw: RawChildInput, opts: { today?: string; partial?: boolean } = {}): { value?: ChildInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  const partial = opts.partial === true;
  const str = (field: string, v: unknown, required: boolean, max = TEXT_MAX): string | undefined => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required && !partial) bad(field, '必填');
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') { bad(field, '应为文本'); return undefined; }
    const s = String(v).trim();
    if ([...s].length > max) bad(field, `不能超过 ${max} 个字符`);
    return s;
  };

  const name = str('name', raw.name, true, 50);
  if (name && !/^[\p{Script=Han}\p{L}·•．. ]+$/u.test(name)) bad('name', '姓名只能包含文字和间隔号');
  const genderText = str('gender', raw.gender, true, 10);
  const gender = genderText ? parseGender(genderText) : undefined;
  if (genderText && !gender) bad('gender', '性别应为“男”或“女”');

  const birthDate = str('birthDate', raw.birthDate, true, 10)?.replace(/[/.]/gu, '-');
  const m = birthDate ? DATE.exec(birthDate) : null;
  if (birthDate && (!m || !isValidCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])))) bad('birthDate', '出生日期应为有效日期，格式 YYYY-MM-DD');
  else if (birthDate && opts.today && birthDate > opts.today) bad('birthDate', '出生日期不能晚于今天');
  else if (birthDate && opts.today && Number(opts.today.slice(0, 4)) - Number(birthDate.slice(0, 4)) > 18) bad('birthDate', '名册只登记未满十八周岁的儿童');

  const idNumber = str('idNumber', raw.idNumber, false, 24);
  if (idNumber) {
    const check = checkIdNumber(idNumber, { regionExists: idRegionExists, birthDate: m ? birthDate : undefined });
    if (!check.ok) bad('idNumber', check.message!);
    else if (gender && check.gender !== gender) bad('idNumber', '身份证号第17位所示性别与性别字段不一致');
  }

  let regionCode = str('regionCode', raw.regionCode, true, 12);
  if (regionCode) {
    try {
      regionCode = normaliseRegionCode(regionCode);
      if (!getDivisions().get(regionCode)) bad('regionCode', `区划代码 ${regionCode} 不在 2023 年统计用区划代码中`);
    } catch (err) {
      bad('regionCode', (err as Error).message);
    }
  }

  const phone = str('phone', raw.phone, false, 20)?.replace(/\s/gu, '');
  if (phone && !PHONE.test(phone)) bad('phone', '电话号码格式不正确（手机号11位，或区号-座机号）');

  const categories = parseCategories(raw.categories, bad, partial);
  const guardians = parseGuardians(raw.guardians, bad);
  if (raw.canExpressWill !== undefined && typeof raw.canExpressWill !== 'boolean') bad('canExpressWill', '应为 true 或 false');

  if (problems.length) return { problems };
  const value: ChildInput = {
    name: name!, gender: gender!, birthDate: birthDate!, regionCode: regionCode!, categories, guardians,
    ...(raw.canExpressWill === false ? { canExpressWill: false } : {}),
    ...opt('idNumber', idNumber?.replace(/[\s-]/gu, '').toUpperCase()),
    ...opt('ethnicity', str('ethnicity', raw.ethnicity, false, 20)),
    ...opt('phone', phone),
    ...opt('householdAddress', str('householdAddress', raw.householdAddress, false, 200)),
    ...opt('residenceAddress', str('residenceAddress', raw.residenceAddress, false, 200)),
    ...opt('school', str('school', raw.school, false, 100)),
    ...opt('grade', str('grade', raw.grade, false, 20)),
    ...opt('health', str('health', raw.health, false)),
    ...opt('disability', str('disability', raw.disability, false)),
    ...opt('abuseVictim', str('abuseVictim', raw.abuseVictim, false)),
    ...opt('guardianSituation', str('guardianSituation', raw.guardianSituation, false)),
    ...opt('assistance', str('assistance', raw.assistance, false)),
  };
  return { value, problems };
}

function opt<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}

function parseCategories(v: unknown, bad: (f: string, m: string) => void, partial: boolean): ChildCategory[] {
  const items = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[;；,，、]/u) : [];
  const cleaned = items.map((s) => s.trim()).filter(Boolean);
  if (cleaned.length === 0) {
    if (!partial) bad('categories', '至少选择一个儿童类别');
    return [];
  }
  const out: ChildCategory[] = [];
  for (const c of cleaned) {
    const cat = parseCategory(c);
    if (!cat) bad('categories', `未知的儿童类别“${c}”，可选：${Object.values(CHILD_CATEGORIES).join('、')}`);
    else if (!out.includes(cat)) out.push(cat);
  }
  return out;
}

export function parseGuardians(v: unknown, bad: (f: string, m: string) => void): GuardianInput[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { bad('guardians', '应为列表'); return []; }
  return v.flatMap((g, i): GuardianInput[] => {
    const p = `guardians[${i}]`;
    const o = (g ?? {}) as Record<string, unknown>;
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    const relation = typeof o.relation === 'string' ? o.relation.trim() : '';
    const phone = typeof o.phone === 'string' && o.phone.trim() ? o.phone.replace(/\s/gu, '') : undefined;
    const idNumber = typeof o.idNumber === 'string' && o.idNumber.trim() ? o.idNumber.replace(/[\s-]/gu, '').toUpperCase() : undefined;
    let ok = true;
    if (!name) { bad(`${p}.name`, '监护人姓名必填'); ok = false; }
    if (!relation) { bad(`${p}.relation`, '与儿童关系必填'); ok = false; }
    if (phone && !PHONE.test(phone)) { bad(`${p}.phone`, '监护人电话格式不正确'); ok = false; }
    if (idNumber) {
      const check = checkIdNumber(idNumber, { regionExists: idRegionExists });
      if (!check.ok) { bad(`${p}.idNumber`, `监护人${check.message}`); ok = false; }
    }
    return ok ? [{ name, relation, ...(phone ? { phone } : {}), ...(idNumber ? { idNumber } : {}) }] : [];
  });
}
