import { randomUUID } from 'node:crypto';
import type { Keyring } from '../shared/crypto/index.ts';
import type { Db } from './children.repo.ts';
import type { ChildInput, GuardianInput } from './child-input.ts';
import { newChildKey, sealFields } from './child-cipher.ts';
import type { FieldCipher } from '../shared/crypto/index.ts';
import { childTokens, guardianIdIndex, guardianNameIndex, idNumberIndex, nameBirthIndex } from './child-indexes.ts';

const CHILD_SEALED = ['name', 'birthDate', 'idNumber', 'ethnicity', 'phone', 'householdAddress', 'residenceAddress', 'school', 'health', 'disability', 'abuseVictim', 'guardianSituation', 'assistance'] as const;

/** Field names a stored child holds (for the ledger: names, never values). */
export function storedFieldNames(c: ChildInput): string[] {
  const names = ['gender', 'regionCode', 'categories', ...CHILD_SEALED.filter((k) => c[k] !== undefined)];
  if (c.grade !== undefined) names.push('grade');
  if (c.guardians.length) names.push('guardianName', 'guardianRelation', ...(c.guardians.some((g) => g.phone) ? ['guardianPhone'] : []), ...(c.guardians.some((g) => g.idNumber) ? ['guardianIdNumber'] : []));
  return names;
}

/** Inserts many children in the caller's transaction; multi-row inserts keep imports fast. */
export async function insertChildren(db: Db, keyring: Keyring, ownerOrgId: string, inputs: ChildInput[], out?: { guardianIds: string[][] }): Promise<string[]> {
  const children = [], guardians = [], tokens = [];
  const ids: string[] = [];
  for (const c of inputs) {
    const id = randomUUID();
    ids.push(id);
    const key = newChildKey(keyring, id);
    const values: Record<string, string | undefined> = { categories: JSON.stringify(c.categories) };
    for (const k of CHILD_SEALED) values[k] = c[k];
    children.push({
      id, owner_org_id: ownerOrgId, region_code: c.regionCode, gender: c.gender, grade: c.grade ?? null,
      data_key_wrapped: key.wrapped, master_key_version: key.masterVersion,
      fields_enc: JSON.stringify(sealFields(key.cipher, 'children', id, values)),
      bidx_id_number: c.idNumber ? idNumberIndex(keyring, c.idNumber) : null,
      bidx_name_birth: nameBirthIndex(keyring, c.name, c.birthDate),
      can_express_will: c.canExpressWill !== false,
    });
    const rows = c.guardians.map((g) => guardianRow(keyring, key.cipher, id, g));
    guardians.push(...rows);
    out?.guardianIds.push(rows.map((r) => r.id));
    for (const t of childTokens(keyring, c)) tokens.push({ child_id: id, ...t });
  }
  if (children.length) await db.insertInto('children').values(children).execute();
  if (guardians.length) await db.insertInto('guardians').values(guardians).execute();
  if (tokens.length) await db.insertInto('child_index_tokens').values(tokens).onConflict((oc) => oc.doNothing()).execute();
  return ids;
}

export function guardianRow(keyring: Keyring, cipher: FieldCipher, childId: string, g: GuardianInput) {
  const id = randomUUID();
  return {
    id, child_id: childId, relation: g.relation,
    fields_enc: JSON.stringify(sealFields(cipher, 'guardians', id, { guardianName: g.name, guardianPhone: g.phone, guardianIdNumber: g.idNumber })),
    bidx_guardian_id_number: g.idNumber ? guardianIdIndex(keyring, g.idNumber) : null,
    bidx_guardian_name: guardianNameIndex(keyring, g.name),
  };
}
