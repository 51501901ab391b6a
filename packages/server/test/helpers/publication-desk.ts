import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../src/app.ts';
import type { AppContext } from '../../src/context.ts';
import { createTestContext } from './test-context.ts';
import { createOrg, signInAs } from './auth-helpers.ts';

export interface PublicationDesk {
  ctx: AppContext;
  app: FastifyInstance;
  call(who: 'media' | 'reviewer', method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** A news text submitted by the media user; resolves with the created publication. */
  submitText(text: string): Promise<{ id: string; files: Array<{ name: string }> }>;
  close(): Promise<void>;
}

/** A county newspaper that submits and the county publicity department that reviews, both signed in. */
export async function publicationDesk(regionCode = '350102000000'): Promise<PublicationDesk> {
  const ctx = await createTestContext();
  const app = await buildApp(ctx);
  const media = await createOrg(ctx, { type: 'media', regionCode });
  const publicity = await createOrg(ctx, { type: 'publicity', regionCode });
  const cookies = {
    media: (await signInAs(app, ctx, { role: 'department_staff', orgId: media.id } as never)).cookie,
    reviewer: (await signInAs(app, ctx, { role: 'reviewer', orgId: publicity.id } as never)).cookie,
  };
  const call: PublicationDesk['call'] = (who, method, url, payload) =>
    app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
  return {
    ctx, app, call,
    async submitText(text) {
      const res = await call('media', 'POST', '/api/publications', {
        title: '暑期关爱活动', kind: 'news', channel: 'newspaper', audience: 'public',
        files: [{ filename: '通讯稿.txt', contentBase64: Buffer.from(text).toString('base64') }],
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
