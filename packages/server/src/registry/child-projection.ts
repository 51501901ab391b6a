import {
  FIELD_CATALOGUE, SENSITIVITY_LABELS, CHILD_CATEGORIES, GENDERS, maskValue,
  type FieldKey, type MaskContext, type SensitivityClass, type ChildCategory,
} from '@hutong/core';
import type { FieldCipher } from '../shared/crypto/index.ts';
import type { EncryptedFields } from '../shared/db/schema.ts';
import { openField, type Table } from './child-cipher.ts';

export interface ShownField { key: string; label: string; value: string | null; masked: boolean; withheld?: true }

/**
 * Turns stored values into what the caller may see. Masking happens here, on the server: a
 * field not revealed leaves masked or not at all. `read` collects every field actually
 * decrypted, which is what the ledger records as 使用.
 */
export function showField(
  key: FieldKey, table: Table, rowId: string, enc: EncryptedFields, clear: Record<string, string | null>,
  cipher: FieldCipher | null, reveal: ReadonlySet<string>, read: Set<string>, maskContext: MaskContext = {},
  permitted: ReadonlySet<string> | null = null,
): ShownField {
  const spec = FIELD_CATALOGUE[key];
  const base = { key, label: spec.label };
  // Outside every purpose the caller has a basis for, a field is not shown even masked: a mask still says something.
  if (permitted && !permitted.has(key)) return { ...base, value: null, masked: true, withheld: true };
  if (!spec.encrypted) return { ...base, value: displayValue(key, clear[key] ?? null), masked: false };
  if (enc[key] === undefined || !cipher) return { ...base, value: null, masked: false };
  const revealed = reveal.has(key);
  // A hidden field shown masked needs no decryption: '***' says only that a value exists.
  if (!revealed && spec.mask === 'hidden') return { ...base, value: '***', masked: true };
  // Likewise a masked address shows only the county, which the clear region code already gives.
  if (!revealed && spec.mask === 'address' && maskContext.countyName) return { ...base, value: `${maskContext.countyName}***`, masked: true };
  const plain = openField(cipher, table, rowId, enc, key) ?? null;
  read.add(key);
  if (revealed) return { ...base, value: displayValue(key, plain), masked: false };
  return { ...base, value: maskValue(spec.mask, plain, maskContext), masked: true };
}

export function displayValue(key: FieldKey, v: string | null): string | null {
  if (v === null) return null;
  if (key === 'categories') return (JSON.parse(v) as ChildCategory[]).map((c) => CHILD_CATEGORIES[c] ?? c).join('；');
  if (key === 'gender') return GENDERS[v as keyof typeof GENDERS] ?? v;
  return v;
}

export interface FieldGroup { sensitivity: SensitivityClass; label: string; fields: ShownField[] }

export function groupBySensitivity(fields: ShownField[]): FieldGroup[] {
  const order: SensitivityClass[] = ['direct', 'location', 'sensitive', 'general'];
  return order
    .map((s) => ({ sensitivity: s, label: SENSITIVITY_LABELS[s], fields: fields.filter((f) => FIELD_CATALOGUE[f.key as FieldKey].sensitivity === s) }))
    .filter((g) => g.fields.length > 0);
}
