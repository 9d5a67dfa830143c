import { Spin } from 'antd';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/client';
import * as endpoints from '../api/endpoints';
import type { User } from '../api/types';
import { currentLanguage, setLanguage } from '../i18n';
import { AuthContext, type AuthState } from './auth-context';

/**
 * The user's saved language is the player's (it follows them to other browsers); a user without
 * one yet gets the language this player shows, saved.
 */
function adoptLanguage(user: User): void {
  if (user.locale) {
    if (user.locale !== currentLanguage()) setLanguage(user.locale);
  } else void endpoints.saveMyLocale(currentLanguage()).catch(() => undefined);
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
        adoptLanguage(answer.user);
        setUser(answer.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecking(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await endpoints.login(username, password);
    adoptLanguage(answer.user);
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
