// The signed-in user: probed once at start (token or session cookie), set by login, cleared by logout or any 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler, tokenStore } from '../api/client';
import { authApi } from '../api/endpoints';
import type { SessionUser } from '../api/types';
import { clearReferenceCache } from '../hooks/referenceCache';

interface AuthValue {
  user: SessionUser | null;
  /** True until the start-up session probe has finished. */
  loading: boolean;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);
  const navigate = useNavigate();

  useEffect(() => {
    let live = true;
    authApi
      .me()
      .then((u) => live && setUser(u))
      .catch(() => live && setUser(null))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      clearReferenceCache();
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login') && !window.location.pathname.startsWith('/public')) {
        navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
      }
    });
  }, [navigate]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await authApi.login(username, password);
    tokenStore.set(res.token);
    clearReferenceCache();
    setUser(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* the session may already be gone */
    }
    tokenStore.clear();
    clearReferenceCache();
    setUser(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo(() => ({ user, loading, login, logout }), [user, loading, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user inside pages behind the login guard. */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('no signed-in user');
  return user;
}
