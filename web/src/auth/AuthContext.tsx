import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { auth } from '../api/endpoints';
import { ApiError } from '../api/problem';
import { SESSION_ENDED_EVENT } from '../api/client';
import type { Me, Role } from '../api/types';

type AuthState = {
  me: Me | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<Me | null>;
  logout: () => Promise<void>;
  /** Forgets the signed-in user without calling the server (the session already ended there). */
  forget: () => void;
  /** The session of the user who was signed in ended on the server (signed out elsewhere, password changed, deactivated). */
  sessionEnded: boolean;
  refresh: () => Promise<Me | null>;
  hasRole: (...roles: Role[]) => boolean;
};

const Ctx = createContext<AuthState | null>(null);

export function isAdmin(me: Me | null) {
  return !!me?.roles.some((r) => r === 'Administrator' || r === 'Admin');
}

export function AuthProvider({ children, initialMe }: { children: ReactNode; initialMe?: Me | null }) {
  const [me, setMe] = useState<Me | null>(initialMe ?? null);
  const [loading, setLoading] = useState(initialMe === undefined);

  const refresh = useCallback(async () => {
    try {
      const m = await auth.me();
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) {
        setMe(null);
        return null;
      }
      throw e;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (initialMe === undefined) refresh().catch(() => setLoading(false));
  }, [initialMe, refresh]);

  const [sessionEnded, setSessionEnded] = useState(false);
  const current = useRef(me);
  current.current = me;
  // A call answered 401 (the session ended on the server): read who is signed in again.
  useEffect(() => {
    const onEnded = () => {
      const had = !!current.current;
      refresh().then((m) => { if (had && !m) setSessionEnded(true); }).catch(() => undefined);
    };
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
  }, [refresh]);

  const forget = useCallback(() => setMe(null), []);

  const login = useCallback(async (email: string, password: string) => {
    await auth.login(email, password);
    setSessionEnded(false);
    return refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    try { await auth.logout(); } finally { setMe(null); }
  }, []);

  const hasRole = useCallback((...roles: Role[]) => {
    if (!me) return false;
    return me.roles.some((r) => roles.includes(r as Role) || (roles.includes('Administrator') && r === 'Admin'));
  }, [me]);

  return <Ctx.Provider value={{ me, loading, login, logout, forget, sessionEnded, refresh, hasRole }}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
