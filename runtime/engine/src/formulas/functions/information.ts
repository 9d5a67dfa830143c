/** ISBLANK, ISNUMBER, ISTEXT, ISERROR, ISNA, ISLOGICAL. */
import { isBlank, isFormulaError } from '../values.js';
import type { FunctionSpec } from './function-spec.js';

const is = (name: string, test: (v: Parameters<typeof isBlank>[0]) => boolean): FunctionSpec => ({
  name,
  syntax: `${name}(value)`,
  minArgs: 1,
  maxArgs: 1,
  params: ['any'],
  returns: 'boolean',
  acceptsErrors: true,
  impl: ([v]) => test(v),
});

export const informationFunctions: FunctionSpec[] = [
  is('ISBLANK', (v) => !isFormulaError(v) && isBlank(v)),
  is('ISNUMBER', (v) => typeof v === 'number'),
  is('ISTEXT', (v) => typeof v === 'string'),
  is('ISLOGICAL', (v) => typeof v === 'boolean'),
  is('ISERROR', (v) => isFormulaError(v)),
  is('ISNA', (v) => isFormulaError(v) && v.code === '#N/A'),
];
