import { createHash } from 'node:crypto';
import { composeIdNumber } from '@hutong/core';
import {
  assemblePackage, deriveChildPrints, derivePackageKeys, encodeChildPrints, ScreeningPackage,
  type ChildCombinations, type CueEntry,
} from '../src/index.ts';

/**
 * Synthetic children only: made-up names, real-looking but invented villages and schools, ID
 * numbers composed with valid check digits. Everything is deterministic so byte-level assertions
 * (no plaintext in the package) are reproducible.
 */
export interface TestChild extends ChildCombinations {
  readonly label: string;
}

export const ZHENGDUN = '350724';

export function child(label: string, c: Partial<ChildCombinations> & { name: string; village?: string; township?: string; school?: string; guardian?: string; idNumber?: string }): TestChild {
  return {
    label,
    idNumbers: c.idNumber ? [c.idNumber] : [],
    names: [c.name],
    guardians: c.guardian ? [c.guardian] : [],
    villages: c.village ? [{ text: c.village, multiplicity: 1 }] : [],
    townships: c.township ? [{ text: c.township, multiplicity: 1 }] : [],
    schools: c.school ? [c.school] : [],
    county: ZHENGDUN,
    ...c.villages ? { villages: c.villages } : {},
    ...c.townships ? { townships: c.townships } : {},
  };
}

export const ID_A = composeIdNumber(ZHENGDUN, '2012-03-08', 417, 'male');
export const ID_X = (() => {
  // One with an X check character, to test "x"/"X" normalisation.
  for (let n = 0; n < 1000; n++) {
    const id = composeIdNumber(ZHENGDUN, '2013-11-09', n, 'male');
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X id');
})();

export const CHILDREN: readonly TestChild[] = [
  child('A', { name: '龚梓骁', village: '双源村', township: '郑墩镇', school: '郑墩星河中心小学', guardian: '蔺秀蓉', idNumber: ID_A }),
  child('B', { name: '欧阳沐晴', village: '洋墩村', township: '郑墩镇', school: '郑墩溪源中学', guardian: '欧阳建国', idNumber: ID_X }),
  // A common name in a village whose name hundreds of places share: one clue is not enough.
  child('C', { name: '张伟', villages: [{ text: '新村', multiplicity: 400 }], townships: [{ text: '城关镇', multiplicity: 300 }], school: '实验小学', guardian: '王芳' }),
  child('D', { name: '𠮷田雅', village: '黄沙村', township: '郑墩镇', school: '郑墩松涛幼儿园', guardian: '邬𠮷林' }),
];

export const CUES: readonly CueEntry[] = [
  { word: '孤儿', flag: 'label' }, { word: '留守儿童', flag: 'label' }, { word: '低保', flag: 'label' }, { word: '最低保障', flag: 'block' },
  { word: '募捐', flag: 'exploit' }, { word: '直播带货', flag: 'exploit' },
];

export const PACKAGE_KEY = createHash('sm3').update('test package key (synthetic)').digest();
export const REF = (label: string) => createHash('sm3').update(`ref:${label}`).digest().subarray(0, 16);

export function buildBytes(children: readonly TestChild[] = CHILDREN, over: { expiresAt?: Date; createdAt?: Date; threshold?: number; pairWindow?: number } = {}): Buffer {
  const keys = derivePackageKeys(PACKAGE_KEY);
  const rows = children.map((c) => ({ ref: REF(c.label), prints: encodeChildPrints(deriveChildPrints(keys, c)) }));
  const createdAt = over.createdAt ?? new Date('2026-01-01T00:00:00Z');
  return assemblePackage({
    packageKey: PACKAGE_KEY, epoch: 3, version: 17, createdAt, expiresAt: over.expiresAt ?? new Date('2099-01-01T00:00:00Z'),
    children: () => rows, cues: CUES, ...(over.threshold !== undefined ? { threshold: over.threshold } : {}), ...(over.pairWindow !== undefined ? { pairWindow: over.pairWindow } : {}),
  }).bytes;
}

export function buildPackage(children: readonly TestChild[] = CHILDREN, over: Parameters<typeof buildBytes>[1] = {}): ScreeningPackage {
  return ScreeningPackage.fromBytes(buildBytes(children, over));
}

export const refHex = (label: string) => REF(label).toString('hex');
