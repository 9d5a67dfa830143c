import type { ApiErrorDetail } from '../api/client';

/** Keeps the server's field errors only for fields the user has not changed since. */
export function errorsStillValid(
  errors: ApiErrorDetail[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ApiErrorDetail[] {
  if (errors.length === 0) return errors;
  const kept = errors.filter((error) => {
    const key = error.path.startsWith('data.') ? error.path.split('.')[1] : undefined;
    return key === undefined || before[key] === after[key];
  });
  return kept.length === errors.length ? errors : kept;
}
