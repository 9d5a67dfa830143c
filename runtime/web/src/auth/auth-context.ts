import { createContext, useContext } from 'react';
import type { User } from '../api/types';

/** Who is signed in (null: nobody), and how to change that. */
export interface AuthState {
  user: User | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (state === null) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}
