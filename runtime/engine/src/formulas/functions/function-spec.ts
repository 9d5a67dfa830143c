/**
 * How a function of the formula language is declared: its arity and parameter kinds (used by
 * the static checker), its result type, and its implementation over runtime values.
 */
import type { FormulaDate, FormulaValue } from '../values.js';

/** What the checker can know about a value before running the formula. */
export type StaticType = 'number' | 'text' | 'boolean' | 'date' | 'list' | 'any';

/**
 * - `number` `text` `boolean` `date`: one value, converted with Excel's rules.
 * - `values`: any number of values or lists, aggregated (SUM's arguments).
 * - `list`: a list such as a subform column (SUMIF's range).
 * - `any`: anything, untouched.
 */
export type ParamKind = 'number' | 'text' | 'boolean' | 'date' | 'values' | 'list' | 'any';

export interface FunctionContext {
  /** The evaluation instant. */
  now: Date;
  /** IANA zone of the user's wall clock (TODAY, NOW, YEAR of a date-time …). */
  timeZone: string;
}

interface FunctionSpecBase {
  name: string;
  /** How it is called, for help texts: `ROUND(number, digits)`. */
  syntax: string;
  minArgs: number;
  maxArgs: number;
  /** Parameter kinds by position; the last one repeats for variadic functions. */
  params: ParamKind[];
  /** The result type, possibly depending on the argument types. */
  returns: StaticType | ((argTypes: StaticType[]) => StaticType);
  /** Volatile functions (TODAY, NOW) make a result depend on the clock. */
  volatile?: boolean;
}

export interface EagerFunctionSpec extends FunctionSpecBase {
  lazy?: false;
  /** When false (the default), an error in any argument is the result, as in Excel. */
  acceptsErrors?: boolean;
  impl: (args: FormulaValue[], ctx: FunctionContext) => FormulaValue;
}

/** Lazy functions (IF, IFS, IFERROR) evaluate only the arguments they need. */
export interface LazyFunctionSpec extends FunctionSpecBase {
  lazy: true;
  impl: (args: Array<() => FormulaValue>, ctx: FunctionContext) => FormulaValue;
}

export type FunctionSpec = EagerFunctionSpec | LazyFunctionSpec;

export type TodayFn = (ctx: FunctionContext) => FormulaDate;
