import { Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { User } from '../api/types';
import { AuthContext, type AuthState } from './auth-context';

/** Asks the server who is signed in (the HttpOnly cookie decides), then provides it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    endpoints
      .me()
      .then((answer) => setUser(answer.user))
      .catch(() => setUser(null))
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await endpoints.login(username, password);
    setUser(answer.user);
  }, []);

  const signOut = useCallback(async () => {
    await endpoints.logout().catch(() => undefined);
    setUser(null);
  }, []);

  const state = useMemo<AuthState>(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  if (checking) return <Spin fullscreen />;
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}
