import { Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { User } from '../api/types';
import { currentLanguage } from '../i18n';
import { AuthContext, type AuthState } from './auth-context';

/**
 * The language this player shows (chosen with the switch, else the browser's) is saved as the
 * user's language, which the server writes their notifications, e-mail and files in.
 */
function syncLanguage(user: User): void {
  const shown = currentLanguage();
  if (user.locale !== shown) void endpoints.saveMyLocale(shown).catch(() => undefined);
}

/** Asks the server who is signed in (the HttpOnly cookie decides), then provides it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    setUnauthorizedHandler(() => setUser(null));
    endpoints
      .me()
      .then((answer) => {
        syncLanguage(answer.user);
        setUser(answer.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await endpoints.login(username, password);
    syncLanguage(answer.user);
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
