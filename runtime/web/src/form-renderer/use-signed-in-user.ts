import type { FormDefinition } from '@formloom/model';
import { useEffect, useMemo, useState } from 'react';
import { currentUser } from './widgets/lookup-api';

export interface SignedInUser {
  id: string;
  deptIds: string[];
}

const USER_DYNAMIC = /"dynamic":"current_(user|dept)"/;

/**
 * The user visibility rules compare with (`current_user`, `current_dept`): the one the host
 * passes, else — only when some rule needs it — read once from /api/auth/me. Anonymous or
 * failed: null, and such rules compare with nobody, as on the server.
 */
export function useSignedInUser(definition: FormDefinition, given: SignedInUser | undefined): SignedInUser | undefined {
  const needed = useMemo(
    () =>
      given === undefined &&
      Object.values(definition.fields).some((f) => USER_DYNAMIC.test(JSON.stringify(f.visibility ?? null))),
    [definition, given],
  );
  const [fetched, setFetched] = useState<SignedInUser | undefined>(undefined);
  useEffect(() => {
    if (!needed) return;
    const controller = new AbortController();
    currentUser(controller.signal).then(
      ({ user }) => setFetched({ id: user.id, deptIds: user.deptIds }),
      () => undefined,
    );
    return () => controller.abort();
  }, [needed]);
  return given ?? fetched;
}
