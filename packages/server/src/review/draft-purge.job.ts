import type { AppContext } from '../context.ts';
import { purgeExpiredDrafts } from './publication.service.ts';

const HOUR = 3_600_000;

/**
 * Destroys expired publication drafts on a timer, beside the purge that runs whenever
 * publications are read or written: a returned draft must not outlive its 30 days because
 * nobody opened the review pages. Stopped by ctx.close().
 */
export function startDraftPurge(ctx: AppContext, everyMs = HOUR): void {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= purgeExpiredDrafts(ctx)
      .catch((err: Error) => process.emitWarning(`过期发布原稿销毁失败，将于下次重试：${err.message}`, { code: 'HUTONG_DRAFT_PURGE' }))
      .finally(() => { running = null; });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  ctx.hooks.onClose.push(async () => {
    clearInterval(timer);
    await running;
  });
}
