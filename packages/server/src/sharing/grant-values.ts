import { FIELD_CATALOGUE, type FieldKey } from '@hutong/core';
import type { AppContext } from '../context.ts';
import type { GrantChildRow } from '../access/grant-scope.ts';
import type { EncryptedFields } from '../shared/db/schema.ts';
import { openChildKey } from '../registry/child-cipher.ts';
import { showField } from '../registry/child-projection.ts';

export type SealedGuardian = { id: string; child_id: string; relation: string; fields_enc: EncryptedFields };
export type SealedVisit = { id: string; child_id: string; visited_on: string | Date; fields_enc: EncryptedFields };

const joined = (values: Array<string | null>, sep: string) => {
  const present = values.filter((v): v is string => v !== null && v !== '');
  return present.length ? present.join(sep) : null;
};

/**
 * The values of exactly `fields` for one child, in clear: only fields the decision allowed reach
 * here, so nothing is masked and nothing else is decrypted. A child may have several guardians:
 * their values are listed in the same order in every guardian field, separated by '；'.
 */
export function grantedValues(ctx: AppContext, row: GrantChildRow, fields: readonly FieldKey[], guardians: SealedGuardian[], visits: SealedVisit[]): Record<string, string | null> {
  const cipher = row.data_key_wrapped ? openChildKey(ctx.keyring, row.id, row.data_key_wrapped, row.master_key_version!) : null;
  const reveal = new Set<string>(fields);
  const read = new Set<string>();
  const clear = { gender: row.gender, grade: row.grade, regionCode: row.region_code };
  const out: Record<string, string | null> = {};
  for (const f of fields) {
    const owner = FIELD_CATALOGUE[f].owner;
    if (owner === 'child') {
      out[f] = showField(f, 'children', row.id, row.fields_enc, clear, cipher, reveal, read).value;
    } else if (owner === 'guardian') {
      out[f] = joined(guardians.map((g) => showField(f, 'guardians', g.id, g.fields_enc, { guardianRelation: g.relation }, cipher, reveal, read).value), '；');
    } else {
      out[f] = joined(visits.map((v) => {
        const note = showField(f, 'visits', v.id, v.fields_enc, {}, cipher, reveal, read).value;
        const on = typeof v.visited_on === 'string' ? v.visited_on : v.visited_on.toISOString().slice(0, 10);
        return note === null ? null : `${on}：${note}`;
      }), '\n');
    }
  }
  return out;
}
