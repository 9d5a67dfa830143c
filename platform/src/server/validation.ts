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

/**
 * Fastify asks for a validator factory once per encapsulation context whose shared schemas
 * differ (every plugin that calls `addSchema`, and their children). A fresh pair of ajv
 * instances each time compiled ajv's meta-schema and every shared schema again, which made
 * start-up take seconds; one pair per app serves every context instead. Shared schemas have
 * unique `$id`s, so adding each once is the same as adding them per context, and ajv's own
 * cache then compiles each route schema object once.
 */
function createValidatorFactory() {
  const bodyAjv = createRequestAjv(false);
  const paramsAjv = createRequestAjv(true);
  const addShared = (ajv: Ajv, schema: unknown) => {
    const id = (schema as { $id?: unknown }).$id;
    if (typeof id === 'string' && ajv.getSchema(id)) return;
    ajv.addSchema(schema as AnySchema);
  };
  return (externalSchemas: Record<string, unknown> | undefined) => {
    for (const schema of Object.values(externalSchemas ?? {})) {
      addShared(bodyAjv, schema);
      addShared(paramsAjv, schema);
    }
    return ({ schema, httpPart }: RouteSchemaPart): ValidateFunction =>
      (httpPart === 'body' ? bodyAjv : paramsAjv).compile(schema as AnySchema);
  };
}

type ValidatorFactory = NonNullable<NonNullable<SchemaController['compilersFactory']>['buildValidator']>;

/**
 * One schema controller per app (see createValidatorFactory). Fastify calls the compiler with
 * `{schema, method, url, httpPart}` (lib/validation.js); @fastify/ajv-compiler's typings
 * describe it as ajv's `compile(schema)`, hence the cast.
 */
export function createSchemaController(): SchemaController {
  return { compilersFactory: { buildValidator: createValidatorFactory() as unknown as ValidatorFactory } };
}
