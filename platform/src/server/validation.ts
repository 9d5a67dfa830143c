import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's request validators. Two ajv instances, because the parts of a request differ:
 * - body: no type coercion and no silent removal of unknown properties, so a route schema with
 *   `additionalProperties: false` rejects them with 400 instead of dropping them.
 * - querystring, params and headers arrive as strings: coerced to the schema's types
 *   (`'array'` also turns a single `?a=1` into `[1]` when an array is expected).
 * Both stop at the first error (allErrors off: a huge invalid body cannot make ajv do
 * unbounded work) and apply schema defaults.
 */
type SchemaController = NonNullable<FastifyServerOptions['schemaController']>;
interface RouteSchemaPart {
  schema?: unknown;
  httpPart: string;
}

function createRequestAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
    allowUnionTypes: true,
  });
  ajvFormats.default(ajv);
  return ajv;
}

function buildValidator(externalSchemas: Record<string, unknown> | undefined) {
  const bodyAjv = createRequestAjv(false);
  const paramsAjv = createRequestAjv(true);
  for (const schema of Object.values(externalSchemas ?? {})) {
    bodyAjv.addSchema(schema as AnySchema);
    paramsAjv.addSchema(schema as AnySchema);
  }
  return ({ schema, httpPart }: RouteSchemaPart): ValidateFunction =>
    (httpPart === 'body' ? bodyAjv : paramsAjv).compile(schema as AnySchema);
}

type ValidatorFactory = NonNullable<NonNullable<SchemaController['compilersFactory']>['buildValidator']>;

/**
 * Fastify calls the compiler with `{schema, method, url, httpPart}` (lib/validation.js);
 * @fastify/ajv-compiler's typings describe it as ajv's `compile(schema)`, hence the cast.
 */
export const schemaController: SchemaController = {
  compilersFactory: { buildValidator: buildValidator as unknown as ValidatorFactory },
};
