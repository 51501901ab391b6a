import type { ChildCategory } from '@hutong/core';
import { blindIndex, normaliseIdNumber, normaliseName, type Keyring } from '../shared/crypto/index.ts';

/**
 * Keyed blind indexes (DESIGN.md): equality look-up without storing the value. One key per index
 * name, derived from the index key, never from data keys.
 */
export const idNumberIndex = (k: Keyring, id: string) => blindIndex(k, 'id_number', normaliseIdNumber(id));
export const nameBirthIndex = (k: Keyring, name: string, birthDate: string) => blindIndex(k, 'name_birth', `${normaliseName(name)}|${birthDate}`);
export const nameIndex = (k: Keyring, name: string) => blindIndex(k, 'name', normaliseName(name));
export const schoolIndex = (k: Keyring, school: string) => blindIndex(k, 'school', normaliseName(school));
export const categoryIndex = (k: Keyring, c: ChildCategory) => blindIndex(k, 'category', c);
export const guardianIdIndex = (k: Keyring, id: string) => blindIndex(k, 'guardian_id_number', normaliseIdNumber(id));
export const guardianNameIndex = (k: Keyring, name: string) => blindIndex(k, 'guardian_name', normaliseName(name));

export function childTokens(k: Keyring, v: { name: string; school?: string; categories: ChildCategory[] }): Array<{ index_name: string; token: Buffer }> {
  return [
    { index_name: 'name', token: nameIndex(k, v.name) },
    ...(v.school ? [{ index_name: 'school', token: schoolIndex(k, v.school) }] : []),
    ...v.categories.map((c) => ({ index_name: 'category', token: categoryIndex(k, c) })),
  ];
}
