import type { AppContext } from '../context.ts';

/** The one source of "now" for accounts: idle timeout, lockout, TOTP steps and token expiry. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// AppContext has no clock yet; a per-context override lets tests move time without touching
// global Date (which would also skew PGlite and vitest timers).
const clocks = new WeakMap<AppContext, Clock>();

export function clockOf(ctx: AppContext): Clock {
  return clocks.get(ctx) ?? systemClock;
}

/** Tests only: make every accounts decision for this context use `clock`. */
export function setAuthClock(ctx: AppContext, clock: Clock | null): void {
  if (clock) clocks.set(ctx, clock);
  else clocks.delete(ctx);
}
