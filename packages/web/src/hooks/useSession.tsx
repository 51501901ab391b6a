import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, onSessionLost } from '../api/client.ts';
import { authApi } from '../api/endpoints.ts';
import type { LoginNext, Me } from '../api/types.ts';

/** Stages of the staged login that still need a step from the user. */
const PENDING_STAGES: readonly string[] = ['change_password', 'enrol_totp', 'totp'];

export function isPendingStage(stage: string | undefined | null): stage is Exclude<LoginNext, 'done'> {
  return !!stage && PENDING_STAGES.includes(stage);
}

export interface LoginNotice {
  message: string;
  kind: 'info' | 'warning' | 'error';
}

interface SessionState {
  /** The signed-in user once every login step is done; null when signed out. */
  me: Me | null;
  /** A session part-way through the login steps (after a reload), so the login page can resume. */
  pendingStage: Exclude<LoginNext, 'done'> | null;
  /** True until the first /auth/me has answered. */
  checking: boolean;
  can: (permission: string) => boolean;
  /** Fetch /auth/me; returns it (null when there is no complete session). */
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
  /** Drop the session locally and go to the login page with a message. */
  signedOut: (notice?: LoginNotice) => void;
  /** Why the user was last sent to the login page (shown there until dismissed or the next login). */
  notice: LoginNotice | null;
  clearNotice: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [pendingStage, setPendingStage] = useState<Exclude<LoginNext, 'done'> | null>(null);
  const [checking, setChecking] = useState(true);
  // Kept here rather than in the location state: a guard's own redirect to /login may replace that.
  const [notice, setNotice] = useState<LoginNotice | null>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;
  const meRef = useRef(me);
  meRef.current = me;

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const m = await authApi.me();
      if (isPendingStage(m.stage)) {
        setPendingStage(m.stage);
        setMe(null);
        return null;
      }
      setPendingStage(null);
      setNotice(null);
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        setMe(null);
        return null;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => undefined).finally(() => setChecking(false));
  }, [refresh]);

  const signedOut = useCallback((why?: LoginNotice) => {
    setNotice(why ?? null);
    setMe(null);
    setPendingStage(null);
    const loc = locationRef.current;
    const from = loc.pathname.startsWith('/login') ? undefined : loc.pathname + loc.search;
    navigate('/login', { replace: true, state: { from } });
  }, [navigate]);

  const clearNotice = useCallback(() => setNotice(null), []);

  // Any request that meets 401 while signed in means the server has ended the session.
  useEffect(() => onSessionLost((err) => {
    if (!meRef.current) return;
    signedOut({ kind: 'warning', message: err.detail || '会话已失效，请重新登录' });
  }), [signedOut]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Signed out locally whatever the server answers.
    }
    signedOut({ kind: 'info', message: '您已安全退出' });
  }, [signedOut]);

  const can = useCallback((p: string) => !!me?.permissions.includes(p), [me]);

  const value = useMemo<SessionState>(
    () => ({ me, pendingStage, checking, can, refresh, logout, signedOut, notice, clearNotice }),
    [me, pendingStage, checking, can, refresh, logout, signedOut, notice, clearNotice],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** For pages that only render when signed in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
