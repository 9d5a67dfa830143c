import { getPublished } from '../api/endpoints';
import { useAsync } from '../api/use-async';

/** The latest published version of a form (404 when it was never published). */
export function usePublished(formId: string) {
  return useAsync(() => getPublished(formId), [formId]);
}
