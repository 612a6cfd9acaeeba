import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { auth } from '../api/endpoints';
import { ApiError } from '../api/problem';
import type { Me, Role } from '../api/types';

type AuthState = {
  me: Me | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<Me | null>;
  logout: () => Promise<void>;
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

  const login = useCallback(async (email: string, password: string) => {
    await auth.login(email, password);
    return refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    try { await auth.logout(); } finally { setMe(null); }
  }, []);

  const hasRole = useCallback((...roles: Role[]) => {
    if (!me) return false;
    return me.roles.some((r) => roles.includes(r as Role) || (roles.includes('Administrator') && r === 'Admin'));
  }, [me]);

  return <Ctx.Provider value={{ me, loading, login, logout, refresh, hasRole }}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
