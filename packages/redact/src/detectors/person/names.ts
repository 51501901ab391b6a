import * as F from './features.ts';

const CLS_GIVEN = F.CLS_GIVEN, CLS_SURNAME = F.CLS_SURNAME;

/** Compound surnames split off first (欧阳娜娜 → 欧阳 + 娜娜). */
const COMPOUND = new Set([
  '司马', '上官', '欧阳', '夏侯', '诸葛', '闻人', '东方', '赫连', '皇甫', '尉迟', '公羊', '澹台', '公冶', '宗政', '濮阳', '淳于',
  '单于', '太叔', '申屠', '公孙', '仲孙', '轩辕', '令狐', '钟离', '宇文', '长孙', '慕容', '司徒', '司空', '端木', '百里', '呼延',
]);

const HAN = /^[\u3400-\u9fff]+$/;

export interface NameParts { surname: string; given: string }

/** Splits a Chinese full name using the model's surname classes; null for foreign or odd spans. */
export function splitName(name: string, classes: Uint8Array): NameParts | null {
  if (!HAN.test(name) || name.length < 2 || name.length > 4) return null;
  if (name.length >= 3 && COMPOUND.has(name.slice(0, 2))) return { surname: name.slice(0, 2), given: name.slice(2) };
  if (name.length > 3 || '小老阿'.includes(name[0]!)) return null;
  return isSurname(name.charCodeAt(0), classes) ? { surname: name[0]!, given: name.slice(1) } : null;
}

export function isSurname(code: number, classes: Uint8Array): boolean {
  return surnameLevel(code, classes) > 0;
}

/** 0–3: 0 not a surname, 1 rare (校, 操) … 3 among the 60 commonest. */
export function surnameLevel(code: number, classes: Uint8Array): number {
  return code < 65536 && classes[code]! < 128 ? (classes[code]! >> CLS_SURNAME) & 3 : 0;
}

/** 0–3: how often the char occurs in given names (lexicon class). */
export function givenLevel(code: number, classes: Uint8Array): number {
  return code < 65536 && classes[code]! < 128 ? (classes[code]! >> CLS_GIVEN) & 3 : 0;
}

export function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}
