import type { ErrorSchema } from '@rjsf/utils';

/**
 * Maps the server's error details (`{path: 'data.f_amount', message}`) onto @rjsf's
 * ErrorSchema so each message shows under its field. Nested paths (`data.f_tags.1`) land on
 * the top-level field; details that name no field are returned as `general`.
 */
export interface ServerErrorDetail {
  path: string;
  rule: string;
  message: string;
}

export function serverErrorsToErrorSchema(
  details: readonly ServerErrorDetail[],
  fieldKeys: readonly string[],
): { errorSchema: ErrorSchema; general: string[] } {
  const errorSchema: Record<string, { __errors: string[] }> = {};
  const general: string[] = [];
  for (const detail of details) {
    const segments = detail.path.split('.');
    const key = segments[0] === 'data' ? segments[1] : segments[0];
    if (key !== undefined && fieldKeys.includes(key)) {
      errorSchema[key] ??= { __errors: [] };
      errorSchema[key].__errors.push(detail.message);
    } else {
      general.push(detail.message);
    }
  }
  return { errorSchema: errorSchema as ErrorSchema, general };
}
