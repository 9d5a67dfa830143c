import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useAuth } from './auth-context';

const answers = new Map<string, Promise<boolean>>();

/** Whether the signed-in user is an admin (from /api/auth/me, once per user and page session). */
export function useIsAdmin(): boolean {
  const { user } = useAuth();
  const [admin, setAdmin] = useState(false);
  useEffect(() => {
    if (user === null) return setAdmin(false);
    let answer = answers.get(user.id);
    if (answer === undefined) {
      answer = api<{ principal: { isAdmin: boolean } }>('GET', '/api/auth/me').then(
        (me) => me.principal.isAdmin,
        () => false,
      );
      answers.set(user.id, answer);
    }
    let current = true;
    void answer.then((value) => current && setAdmin(value));
    return () => {
      current = false;
    };
  }, [user]);
  return admin;
}
