import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http.js';
import { client } from '../api/client.js';
import type { SignedInUser } from '../api/types.js';

export type SessionState = { status: 'loading' } | { status: 'signedOut' } | { status: 'signedIn'; user: SignedInUser };

/**
 * The signed-in user, from the session cookie the player's login (or ours) set on this origin.
 * A 401 from /api/auth/me means nobody is signed in.
 */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const { user } = await client.me();
      setState({ status: 'signedIn', user });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403))
        setState({ status: 'signedOut' });
      else throw error;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logout = useCallback(async () => {
    await client.logout();
    setState({ status: 'signedOut' });
  }, []);

  return { state, refresh, logout };
}
