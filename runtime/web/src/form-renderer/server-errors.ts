import type { FormDefinition } from '@formloom/model';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  detailMessage,
  errorLanguage,
  fieldParams,
  hasRuleMessage,
  ruleMessage,
  type ErrorLanguage,
} from '../api/error-messages';

/**
 * Maps the server's error details (`{path: 'data.f_amount', rule, message}`) onto @rjsf's
 * ErrorSchema so each message shows under its field, in the user's language (by `rule`).
 * A subform cell (`data.f_items.<row>.<column>`, `<row>` being the row's index or its `_rowId`)
 * nests as `{f_items: {<row>: {<column>: {__errors}}}}` for SubformWidget to show on that cell;
 * other nested paths (`data.f_tags.1`) land on the top-level field; details that name no field
 * are returned as `general`.
 */
export interface ServerErrorDetail {
  path: string;
  rule: string;
  message: string;
}

export interface ServerErrorOptions {
  /** The text shown for a detail (default: the server's sentence). */
  describe?: (detail: ServerErrorDetail) => string;
  /** Fields whose errors nest by row and column (subforms). */
  nested?: ReadonlySet<string>;
}

interface ErrorNode {
  __errors?: string[];
  [child: string]: ErrorNode | string[] | undefined;
}

function nodeAt(root: Record<string, ErrorNode>, path: readonly string[]): ErrorNode {
  let node: ErrorNode = (root[path[0]] ??= {});
  for (const segment of path.slice(1)) node = (node[segment] ??= {}) as ErrorNode;
  return node;
}

export function serverErrorsToErrorSchema(
  details: readonly ServerErrorDetail[],
  fieldKeys: readonly string[],
  options: ServerErrorOptions = {},
): { errorSchema: ErrorSchema; general: string[] } {
  const { describe = (d: ServerErrorDetail) => d.message, nested } = options;
  const errorSchema: Record<string, ErrorNode> = {};
  const general: string[] = [];
  for (const detail of details) {
    const segments = detail.path.split('.');
    const [key, row, column] = segments[0] === 'data' ? segments.slice(1) : segments;
    if (key === undefined || !fieldKeys.includes(key)) {
      general.push(describe(detail));
      continue;
    }
    const cell = nested?.has(key) && row !== undefined && column !== undefined && column !== '_rowId';
    const node = nodeAt(errorSchema, cell ? [key, row, column] : [key]);
    (node.__errors ??= []).push(describe(detail));
  }
  return { errorSchema: errorSchema as ErrorSchema, general };
}

/** The server's details of the last answer as an ErrorSchema in the user's language, with each field's label and limits. */
export function useServerErrorSchema(
  details: readonly ServerErrorDetail[],
  fieldKeys: readonly string[],
  definition: FormDefinition,
): { errorSchema: ErrorSchema; general: string[] } {
  const { i18n } = useTranslation();
  const language = errorLanguage(i18n.language);
  return useMemo(() => {
    if (details.length === 0) return { errorSchema: {}, general: [] };
    const nested = new Set(Object.keys(definition.fields).filter((k) => definition.fields[k]?.kind === 'subform'));
    return serverErrorsToErrorSchema(details, fieldKeys, {
      nested,
      describe: (detail) => {
        const params = fieldParams(definition, detail);
        // A detail shown above the form (not under its field) says which field it is about.
        const onField = fieldKeys.some((k) => detail.path === `data.${k}` || detail.path.startsWith(`data.${k}.`));
        return onField ? ruleMessage(detail, language, params) : detailMessage(detail, language, params);
      },
    });
  }, [details, fieldKeys, definition, language]);
}

/** The messages a SubformWidget cell shows: errors nested under the row (by index or `_rowId`) and column. */
export function cellErrors(
  errorSchema: unknown,
  rowIndex: number,
  rowId: string,
  column: string,
): string[] | undefined {
  if (typeof errorSchema !== 'object' || errorSchema === null) return undefined;
  const rows = errorSchema as Record<string, ErrorNode | undefined>;
  const found = [rows[String(rowIndex)], rows[rowId]].flatMap((row) => {
    const errors = row?.[column];
    return typeof errors === 'object' && !Array.isArray(errors) && errors.__errors ? errors.__errors : [];
  });
  return found.length > 0 ? found : undefined;
}

/**
 * The client's own (ajv) validation errors in the catalogue's words, the same as the server's,
 * by ajv keyword, with the limit ajv reports and the field's kind. Keywords the catalogue does
 * not know keep ajv's message.
 */
export function translateClientErrors(
  errors: readonly RJSFValidationError[],
  definition: FormDefinition,
  language: ErrorLanguage,
): RJSFValidationError[] {
  return errors.map((error) => {
    const rule = error.name ?? '';
    if (!hasRuleMessage(rule)) return error;
    const key = (error.property ?? '').replace(/^\./, '').split(/[.[]/)[0] ?? '';
    const limit = (error.params as { limit?: unknown } | undefined)?.limit;
    const message = ruleMessage({ path: `data.${key}`, rule, message: error.message ?? '' }, language, {
      limit: typeof limit === 'number' || typeof limit === 'string' ? limit : undefined,
      kind: definition.fields[key]?.kind,
    });
    return { ...error, message };
  });
}

/** @rjsf's `transformErrors` in the user's language (translateClientErrors). */
export function useClientErrorTransform(
  definition: FormDefinition,
): (errors: RJSFValidationError[]) => RJSFValidationError[] {
  const { i18n } = useTranslation();
  const language = errorLanguage(i18n.language);
  return useCallback(
    (errors: RJSFValidationError[]) => translateClientErrors(errors, definition, language),
    [definition, language],
  );
}
