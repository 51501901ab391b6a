import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDraftPurge } from '../../src/review/index.ts';
import { publicationDesk, type PublicationDesk } from '../helpers/publication-desk.ts';

/**
 * A returned draft is destroyed when its 30 days end even if nobody opens a publication page:
 * the server's hourly job does it, and the ledger says the platform did it.
 */
let desk: PublicationDesk;
const draftOf = (id: string) => desk.ctx.db.selectFrom('publications').select(['draft_key_wrapped', 'draft_enc', 'draft_purged_at']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  desk = await publicationDesk();
});
afterAll(async () => desk?.close());

describe('expired publication drafts (30 days after a return or a block)', () => {
  it('are destroyed by the server’s timer with nobody reading publications, once each, as a platform act in the ledger', async () => {
    const { ctx, call } = desk;
    const { id } = await desk.submitText('县里开展暑期关爱活动。');
    expect((await call('reviewer', 'POST', `/api/publications/${id}/return`, { reasons: ['请补充活动照片的说明'] })).statusCode).toBe(200);
    expect((await draftOf(id)).draft_key_wrapped).not.toBeNull(); // within its 30 days: kept

    await ctx.db.updateTable('publications').set({ draft_purge_after: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    startDraftPurge(ctx, 50);
    await expect.poll(async () => (await draftOf(id)).draft_purged_at, { timeout: 10_000 }).not.toBeNull();
    expect(await draftOf(id)).toMatchObject({ draft_key_wrapped: null, draft_enc: null });
    const originals = await ctx.db.selectFrom('publication_files').select('original_enc').where('publication_id', '=', id).execute();
    expect(originals.every((f) => f.original_enc === null)).toBe(true);

    await new Promise((r) => setTimeout(r, 200)); // several more ticks
    const entries = await ctx.db.selectFrom('ledger_entries').select(['act', 'actor_user_id', 'category', 'reason'])
      .where('reason', 'like', `publication:${id}%`).orderBy('id').execute();
    expect(entries.map((e) => e.act)).toEqual(['publication_submit', 'publication_return', 'publication_draft_destroy']);
    expect(entries[2]).toMatchObject({ category: 'admin', actor_user_id: 'system', reason: `publication:${id};kept_days:30` });
  });
});
