/** The function library of the formula language, by upper-case name. */
import { dateFunctions } from './date-time.js';
import type { FunctionSpec } from './function-spec.js';
import { informationFunctions } from './information.js';
import { logicalFunctions } from './logical.js';
import { mathFunctions } from './math.js';
import { textFunctions } from './text.js';

export const FORMULA_FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  [...logicalFunctions, ...mathFunctions, ...textFunctions, ...dateFunctions, ...informationFunctions].map((f) => [
    f.name,
    f,
  ]),
);

export type { FunctionContext, FunctionSpec, ParamKind, StaticType } from './function-spec.js';
export { formatText } from './text-format.js';
