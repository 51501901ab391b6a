import { useEffect, useRef, useState } from 'react';
import { onApiActivity } from '../api/client.ts';

/** The server ends a session after idleTimeoutSeconds without a request; warn this long before. */
export const IDLE_WARNING_SECONDS = 120;
const STORAGE_KEY = 'hutong.lastApiActivity';

function readShared(): number {
  try {
    const v = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

function writeShared(t: number): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, String(t));
  } catch {
    // Private mode: this tab alone counts.
  }
}

export interface IdleState {
  /** Seconds left before the server drops the session; null while far from it. */
  secondsLeft: number | null;
  expired: boolean;
}

/**
 * Counts down from the last answered API request (in any tab of this browser, via localStorage:
 * every tab shares one server session).
 */
export function useIdleTimeout(idleTimeoutSeconds: number, enabled: boolean): IdleState {
  const last = useRef(Date.now());
  const [state, setState] = useState<IdleState>({ secondsLeft: null, expired: false });

  useEffect(() => {
    if (!enabled) return;
    last.current = Math.max(Date.now(), readShared());
    writeShared(last.current);
    const offApi = onApiActivity(() => {
      last.current = Date.now();
      writeShared(last.current);
    });
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY && e.newValue) last.current = Math.max(last.current, Number(e.newValue) || 0);
    };
    window.addEventListener('storage', onStorage);
    const tick = () => {
      const left = Math.ceil(idleTimeoutSeconds - (Date.now() - last.current) / 1000);
      if (left <= 0) setState({ secondsLeft: 0, expired: true });
      else if (left <= IDLE_WARNING_SECONDS) setState({ secondsLeft: left, expired: false });
      else setState((s) => (s.secondsLeft === null && !s.expired ? s : { secondsLeft: null, expired: false }));
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => {
      offApi();
      window.removeEventListener('storage', onStorage);
      window.clearInterval(timer);
    };
  }, [idleTimeoutSeconds, enabled]);

  return state;
}
