/** IF, IFS, IFERROR, AND, OR, NOT, XOR. */
import { type FormulaValue, flatten, formulaError, isFormulaError, toBoolean } from '../values.js';
import type { FunctionSpec, StaticType } from './function-spec.js';

const commonType = (types: StaticType[]): StaticType => {
  const known = types.filter((t) => t !== 'any');
  return known.length > 0 && known.length === types.length && known.every((t) => t === known[0]) ? known[0] : 'any';
};

/** The booleans of AND/OR/XOR: direct arguments are converted, in lists only booleans and numbers count. */
function booleans(args: FormulaValue[]): boolean[] | FormulaValue {
  const out: boolean[] = [];
  for (const a of args) {
    if (Array.isArray(a)) {
      for (const v of flatten(a)) {
        if (isFormulaError(v)) return v;
        if (typeof v === 'boolean') out.push(v);
        else if (typeof v === 'number') out.push(v !== 0);
      }
    } else if (a !== null) {
      const b = toBoolean(a);
      if (isFormulaError(b)) return b;
      out.push(b);
    }
  }
  if (out.length === 0) return formulaError('#VALUE!', 'There are no TRUE/FALSE values to combine');
  return out;
}

export const logicalFunctions: FunctionSpec[] = [
  {
    name: 'IF',
    syntax: 'IF(condition, value_if_true, [value_if_false])',
    minArgs: 2,
    maxArgs: 3,
    params: ['boolean', 'any', 'any'],
    returns: (t) => commonType(t.length === 3 ? [t[1], t[2]] : [t[1], 'boolean']),
    lazy: true,
    impl: ([condition, whenTrue, whenFalse]) => {
      const c = toBoolean(condition());
      if (isFormulaError(c)) return c;
      if (c) return whenTrue();
      return whenFalse ? whenFalse() : false;
    },
  },
  {
    name: 'IFS',
    syntax: 'IFS(condition1, value1, [condition2, value2], …)',
    minArgs: 2,
    maxArgs: 254,
    params: ['boolean', 'any'],
    returns: (t) => commonType(t.filter((_, i) => i % 2 === 1)),
    lazy: true,
    impl: (args) => {
      if (args.length % 2 !== 0) return formulaError('#N/A', 'IFS needs pairs of condition and value');
      for (let i = 0; i < args.length; i += 2) {
        const c = toBoolean(args[i]());
        if (isFormulaError(c)) return c;
        if (c) return args[i + 1]();
      }
      return formulaError('#N/A', 'No condition of IFS is TRUE');
    },
  },
  {
    name: 'IFERROR',
    syntax: 'IFERROR(value, value_if_error)',
    minArgs: 2,
    maxArgs: 2,
    params: ['any', 'any'],
    returns: (t) => commonType(t),
    lazy: true,
    impl: ([value, fallback]) => {
      const v = value();
      return isFormulaError(v) ? fallback() : v;
    },
  },
  {
    name: 'AND',
    syntax: 'AND(logical1, [logical2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'boolean',
    impl: (args) => {
      const b = booleans(args);
      return Array.isArray(b) ? (b as boolean[]).every(Boolean) : b;
    },
  },
  {
    name: 'OR',
    syntax: 'OR(logical1, [logical2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'boolean',
    impl: (args) => {
      const b = booleans(args);
      return Array.isArray(b) ? (b as boolean[]).some(Boolean) : b;
    },
  },
  {
    name: 'XOR',
    syntax: 'XOR(logical1, [logical2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'boolean',
    impl: (args) => {
      const b = booleans(args);
      return Array.isArray(b) ? (b as boolean[]).filter(Boolean).length % 2 === 1 : b;
    },
  },
  {
    name: 'NOT',
    syntax: 'NOT(logical)',
    minArgs: 1,
    maxArgs: 1,
    params: ['boolean'],
    returns: 'boolean',
    impl: ([v]) => {
      const b = toBoolean(v);
      return isFormulaError(b) ? b : !b;
    },
  },
];
