import { createHash } from 'node:crypto';
import type { Hit } from './scanner.ts';

/** One line of input: {"id","url"?,"text"}; id a string or a number, as `hutong detect` takes. */
export interface Post {
  readonly id: string | number;
  readonly url?: string;
  readonly text: string;
}

export type ParsedPost = { ok: true; post: Post } | { ok: false; problem: string };

export function parsePost(line: string): ParsedPost {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { ok: false, problem: `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: '应为 JSON 对象 {"id","url","text"}' };
  const { id, url, text } = value as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, problem: 'id：必填，应为字符串或数字' };
  if (typeof text !== 'string') return { ok: false, problem: `text：必填，应为字符串（id ${JSON.stringify(id)}）` };
  if (url !== undefined && typeof url !== 'string') return { ok: false, problem: `url：应为字符串（id ${JSON.stringify(id)}）` };
  return { ok: true, post: url === undefined ? { id, text } : { id, url, text } };
}

/**
 * The idempotent id of a hit: the same post and child always give the same id, whichever worker
 * and however many deliveries, so JetStream's Nats-Msg-Id de-duplication (and any consumer) keeps
 * one. The post id is JSON-encoded so 1 and "1" stay distinct.
 */
export function hitId(postId: string | number, child: string): string {
  return createHash('sm3').update('hutong/screen/hit/v1\u0000').update(JSON.stringify(postId)).update('\u0000').update(child).digest('hex').slice(0, 32);
}

/** The output line of a hit (issue 7 item 2), without a trailing newline. */
export function hitLine(postId: string | number, hit: Hit): string {
  return JSON.stringify({ id: postId, child: hit.child, evidence: hit.evidence, flags: hit.flags, score: hit.score });
}
