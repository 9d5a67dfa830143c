import { useEffect, useState } from 'react';
import { listApps } from '../api/endpoints';
import type { AppSummary } from '../api/types';
import { useAuth } from '../auth/auth-context';

const answers = new Map<string, Promise<AppSummary[]>>();

export interface ManagedApps {
  /** The apps the user manages (admins: every app), in display order. */
  apps: AppSummary[];
  loading: boolean;
}

/**
 * The apps the signed-in user manages, from /api/apps (`canManage`), once per user and page
 * session: the admin menu shows the executions and webhook screens to these managers.
 */
export function useManagedApps(): ManagedApps {
  const { user } = useAuth();
  const [state, setState] = useState<ManagedApps>({ apps: [], loading: true });
  useEffect(() => {
    if (user === null) return setState({ apps: [], loading: false });
    let answer = answers.get(user.id);
    if (answer === undefined) {
      answer = listApps().then(
        (page) => page.items.filter((app) => app.canManage),
        () => [],
      );
      answers.set(user.id, answer);
    }
    let current = true;
    void answer.then((apps) => current && setState({ apps, loading: false }));
    return () => {
      current = false;
    };
  }, [user]);
  return state;
}
