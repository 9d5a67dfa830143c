import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';

/**
 * The engine's ajv factory: every error reported (allErrors), the standard formats (email,
 * uri, date, date-time …), and strict mode off because form schemas carry @rjsf keywords
 * ajv does not know. Compile once and keep the validator; never compile on a hot path.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  ajvFormats.default(ajv);
  return ajv;
}
