import type { ChildCombinations } from '@hutong/screen';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { screeningScopedChildren } from '../access/child-scope.ts';
import { appendLedger } from '../ledger/ledger-append.ts';
import { lengthPrefixed } from '../shared/crypto/bytes.ts';
import { sm3 } from '../shared/crypto/sm3.ts';
import { placeFormsOf } from '../screen/place-forms.ts';
import { openChildKey, openField } from './child-cipher.ts';
import { processingRecord } from './registry.ledger.ts';
import * as repo from './children.repo.ts';

/**
 * The registry side of a screening build (第五条): which children are in scope and at which row
 * version (no decryption), and — for the children whose prints must be derived again — their
 * identifying values, decrypted in-process and handed straight to fingerprinting. Each page
 * decrypted is one 加工 ledger entry per owning organisation, naming the children and the fields,
 * never a value.
 */

/** Field names the derivation decrypts; the ledger names exactly these. */
export const SCREENING_FIELDS = ['name', 'idNumber', 'school', 'regionCode', 'guardianName'] as const;
export const SCREENING_REASON = 'screen_fingerprints';
export const SCREENING_BASIS = '履行法定职责：网络信息筛查排查（《困境儿童个人信息保护工作办法》第五条；《个人信息保护法》第十三条第一款第三项）';

export interface ScreeningRow {
  readonly childId: string;
  readonly regionCode: string;
  /** SM3 over what the prints depend on: the child row's and its guardians' update times. */
  readonly version: Buffer;
}

export interface ScreeningChild extends ScreeningRow {
  readonly combinations: ChildCombinations;
}

const PAGE = 1000;

/** Every live child in the actor's jurisdiction with its row version; reads no encrypted value. */
export async function screeningRows(ctx: AppContext, actor: Actor): Promise<ScreeningRow[]> {
  const out: ScreeningRow[] = [];
  for (let after = ''; ;) {
    const rows = await screeningScopedChildren(ctx.db, actor)
      .select(['children.id', 'children.region_code', 'children.updated_at'])
      .where('children.id', '>', after || '00000000-0000-0000-0000-000000000000')
      .orderBy('children.id').limit(PAGE * 10).execute();
    if (!rows.length) break;
    const guardians = new Map<string, string[]>();
    for (const g of await ctx.db.selectFrom('guardians').select(['child_id', 'id', 'updated_at'])
      .where('child_id', 'in', rows.map((r) => r.id)).orderBy('child_id').orderBy('id').execute()) {
      let list = guardians.get(g.child_id);
      if (!list) guardians.set(g.child_id, (list = []));
      list.push(g.id, g.updated_at.toISOString());
    }
    for (const r of rows) {
      const version = sm3(lengthPrefixed('screening-row/v1', r.region_code, r.updated_at.toISOString(), ...(guardians.get(r.id) ?? [])));
      out.push({ childId: r.id, regionCode: r.region_code, version });
    }
    after = rows[rows.length - 1]!.id;
  }
  return out;
}

/**
 * The identifying values of `rows`, a page at a time. Children that left the scope meanwhile
 * (deleted, moved out) are skipped. Callers derive fingerprints and drop the page.
 */
export async function* screeningCombinations(ctx: AppContext, actor: Actor, rows: readonly ScreeningRow[]): AsyncGenerator<ScreeningChild[]> {
  for (let i = 0; i < rows.length; i += PAGE) {
    const page = rows.slice(i, i + PAGE);
    const byId = new Map(page.map((r) => [r.childId, r]));
    const children = await screeningScopedChildren(ctx.db, actor)
      .select(['children.id', 'children.owner_org_id', 'children.region_code', 'children.data_key_wrapped', 'children.master_key_version', 'children.fields_enc'])
      .where('children.id', 'in', [...byId.keys()]).execute();
    const live = children.filter((r) => r.data_key_wrapped && r.master_key_version !== null);
    const ciphers = new Map(live.map((r) => [r.id, openChildKey(ctx.keyring, r.id, r.data_key_wrapped!, r.master_key_version!)]));
    const guardianNames = new Map<string, string[]>();
    for (const g of await repo.guardiansOfChildren(ctx.db, live.map((r) => r.id))) {
      const name = openField(ciphers.get(g.child_id)!, 'guardians', g.id, g.fields_enc, 'guardianName');
      if (!name) continue;
      let list = guardianNames.get(g.child_id);
      if (!list) guardianNames.set(g.child_id, (list = []));
      list.push(name);
    }
    const out: ScreeningChild[] = [];
    const byOrg = new Map<string, string[]>();
    for (const r of live) {
      const cipher = ciphers.get(r.id)!;
      const field = (k: string) => openField(cipher, 'children', r.id, r.fields_enc, k);
      const name = field('name'), idNumber = field('idNumber'), school = field('school');
      const places = placeFormsOf(r.region_code);
      out.push({
        ...byId.get(r.id)!,
        combinations: {
          idNumbers: idNumber ? [idNumber] : [], names: name ? [name] : [], guardians: guardianNames.get(r.id) ?? [],
          villages: places.villages, townships: places.townships, schools: school ? [school] : [], county: r.region_code.slice(0, 6),
        },
      });
      let ids = byOrg.get(r.owner_org_id);
      if (!ids) byOrg.set(r.owner_org_id, (ids = []));
      ids.push(r.id);
    }
    for (const [org, childIds] of byOrg) {
      await appendLedger(ctx.db, processingRecord(actor, {
        act: 'process', accountableOrgId: org, childIds, fields: [...SCREENING_FIELDS], basis: SCREENING_BASIS, outcome: 'allowed', reason: SCREENING_REASON,
      }));
    }
    yield out;
  }
}
