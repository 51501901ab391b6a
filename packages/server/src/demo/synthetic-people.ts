import { composeIdNumber, type ChildCategory, type Gender } from '@hutong/core';

/**
 * Made-up children for the demo, the test fixtures and the import benchmark. Names are drawn
 * from the lists below, ID numbers are composed with a valid GB 11643 check digit on the
 * county code of a real village, phones come from one obviously fake block. No real person's
 * data is read or written; a seeded generator makes every run reproducible.
 */
export type Rand = () => number;

/** mulberry32: tiny, fast and good enough for picking names. */
export function seededRandom(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '潘', '袁', '蔡', '蒋', '余',
  '叶', '杜', '魏', '程', '苏', '吕', '丁', '沈', '任', '姚', '卢', '江', '钟', '汪', '范', '陆', '廖', '游', '欧阳', '上官',
];
const GIVEN_BOY = '浩宇轩子涵博文俊杰明辰泽睿晨阳铭哲嘉乐昊天奕霖煜承志宏建国伟景行';
const GIVEN_GIRL = '欣怡梓萱雨桐诗涵可馨思彤佳琪若曦语嫣雅静婉清悦心梦瑶晓芸丽娟秀兰';
const GIVEN_ANY = '一安诺然星言知书小晴';
const SCHOOL_WORDS = ['青禾', '溪源', '新竹', '星河', '春晖', '向阳', '明溪', '松涛', '凤鸣', '云台'];
const GROUPS = ['一组', '二组', '三组', '四组', '五组', '六组', '七组'];

export function givenName(rand: Rand, gender: Gender): string {
  const pool = (gender === 'male' ? GIVEN_BOY : GIVEN_GIRL) + GIVEN_ANY;
  const len = rand() < 0.75 ? 2 : 1;
  let s = '';
  for (let i = 0; i < len; i++) s += pool[Math.floor(rand() * pool.length)];
  return s;
}

export function personName(rand: Rand, gender: Gender, surname = pick(rand, SURNAMES)): string {
  return surname + givenName(rand, gender);
}

let phoneCounter = 0;
/** 141-0000-xxxx: one block, obviously fake, so a demo can never ring a stranger. */
export function fakePhone(rand: Rand): string {
  phoneCounter = (phoneCounter + 1 + Math.floor(rand() * 7)) % 10000;
  return `1410000${String(phoneCounter).padStart(4, '0')}`;
}

const CATEGORY_WEIGHTS: Array<[ChildCategory, number]> = [
  ['left_behind', 35], ['difficulty_poverty', 20], ['migrant', 12], ['difficulty_guardianship', 10],
  ['difficulty_disability', 9], ['de_facto_unattended', 9], ['orphan', 5],
];

function weighted(rand: Rand): ChildCategory {
  let r = rand() * 100;
  for (const [c, w] of CATEGORY_WEIGHTS) if ((r -= w) < 0) return c;
  return 'left_behind';
}

export interface SyntheticChild {
  name: string; gender: Gender; birthDate: string; idNumber?: string; ethnicity: string;
  regionCode: string; residenceAddress: string; school?: string; grade?: string;
  categories: ChildCategory[]; health?: string; disability?: string;
  guardians: Array<{ name: string; relation: string; phone: string }>;
}

export interface ChildPlace {
  /** 12-digit village code. */
  regionCode: string;
  /** 福建省南平市松溪县郑墩镇郑墩村 — the village's full name, for addresses. */
  placeName: string;
  /** 郑墩 — a short township word, for school names. */
  townWord: string;
}

/**
 * One child aged 0–17 on `today` (or within `ages`: committed fixtures use a narrow band so they
 * stay minors for years); `usedIds` keeps ID numbers unique across a run.
 */
export function syntheticChild(rand: Rand, place: ChildPlace, today: string, usedIds: Set<string>, ages: [number, number] = [0, 17], withDisability = false): SyntheticChild {
  const gender: Gender = rand() < 0.52 ? 'male' : 'female';
  const age = ages[0] + Math.floor(rand() * (ages[1] - ages[0] + 1));
  const year = Number(today.slice(0, 4)) - age;
  const start = Date.UTC(year, 0, 1);
  const day = new Date(start + Math.floor(rand() * 365) * 86_400_000).toISOString().slice(0, 10);
  // Keep the birthday on or before today so the child is really 0–17.
  const birthDate = day > today ? `${year - 1}${day.slice(4)}`.replace(/-02-29$/u, '-02-28') : day;
  let idNumber: string | undefined;
  if (rand() < 0.95) {
    for (let order = Math.floor(rand() * 900) + 10; ; order += 2) {
      idNumber = composeIdNumber(place.regionCode.slice(0, 6), birthDate, order, gender);
      if (!usedIds.has(idNumber)) break;
    }
    usedIds.add(idNumber);
  }
  const surname = pick(rand, SURNAMES);
  const categories = [weighted(rand)];
  if (rand() < 0.1) {
    const second = weighted(rand);
    if (second !== categories[0]) categories.push(second);
  }
  const guardians = guardiansFor(rand, surname, categories);
  const child: SyntheticChild = {
    name: personName(rand, gender, surname), gender, birthDate, ethnicity: rand() < 0.93 ? '汉族' : pick(rand, ['畲族', '回族', '苗族']),
    regionCode: place.regionCode, residenceAddress: `${place.placeName}${pick(rand, GROUPS)}${1 + Math.floor(rand() * 80)}号`,
    categories, guardians,
  };
  if (idNumber) child.idNumber = idNumber;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (years >= 3 && years <= 5) child.school = `${place.townWord}${pick(rand, SCHOOL_WORDS)}幼儿园`;
  else if (years >= 6 && years <= 11) { child.school = `${place.townWord}${pick(rand, SCHOOL_WORDS)}中心小学`; child.grade = `${'一二三四五六'[years - 6]}年级`; }
  else if (years >= 12) { child.school = `${place.townWord}${pick(rand, SCHOOL_WORDS)}中学`; child.grade = ['初一', '初二', '初三', '高一', '高二', '高三'][Math.min(years - 12, 5)]!; }
  // The grade is drawn either way (same seed, same children); the details are kept only when asked:
  // civil affairs may not hold them without a disability-service consent (第十一条).
  const disability = categories.includes('difficulty_disability') ? pick(rand, ['肢体残疾三级', '听力残疾二级', '智力残疾四级', '视力残疾三级']) : undefined;
  if (disability && withDisability) child.disability = disability;
  if (rand() < 0.12) child.health = pick(rand, ['患有哮喘，需定期复查', '先天性心脏病术后随访', '营养不良，已转介卫生院', '癫痫，规律服药']);
  return child;
}

function guardiansFor(rand: Rand, surname: string, categories: ChildCategory[]): SyntheticChild['guardians'] {
  const phone = () => fakePhone(rand);
  if (categories.includes('orphan') || categories.includes('de_facto_unattended')) {
    return [{ name: personName(rand, 'female'), relation: pick(rand, ['其他亲属', '祖母', '外祖母']), phone: phone() }];
  }
  if (categories.includes('left_behind')) {
    const elder = rand() < 0.5 ? { relation: '祖母', gender: 'female' as const } : { relation: '祖父', gender: 'male' as const };
    const out = [{ name: personName(rand, elder.gender, elder.relation === '祖父' ? surname : undefined), relation: elder.relation, phone: phone() }];
    if (rand() < 0.6) out.push({ name: personName(rand, 'male', surname), relation: '父亲', phone: phone() });
    return out;
  }
  const out = [{ name: personName(rand, 'female'), relation: '母亲', phone: phone() }];
  if (rand() < 0.5) out.push({ name: personName(rand, 'male', surname), relation: '父亲', phone: phone() });
  return out;
}
