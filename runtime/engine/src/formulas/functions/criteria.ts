/**
 * Excel criteria for SUMIF / COUNTIF / AVERAGEIF: `5`, `">=10"`, `"<>done"`, `"张*"`, `"a?c"`,
 * `""` (blank), `"<>"` (not blank). Text compares case-insensitively; `*` and `?` are wildcards
 * (`~*` is a literal star). Numbers compare numerically, also when the cell holds numeric text.
 */
import {
  type FormulaScalar,
  EXCEL_EPOCH_OFFSET,
  isFormulaDate,
  isFormulaError,
  parseLocalDateText,
  parseNumericText,
  tidyNumber,
} from '../values.js';

export type CriterionTest = (cell: FormulaScalar) => boolean;

type Operator = '=' | '<>' | '<' | '<=' | '>' | '>=';

function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '~' && i + 1 < pattern.length) source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

function cellNumber(cell: FormulaScalar): number | undefined {
  if (typeof cell === 'number') return cell;
  if (isFormulaDate(cell)) return cell.days + EXCEL_EPOCH_OFFSET;
  if (typeof cell === 'string') return parseNumericText(cell);
  return undefined;
}

function compareNumbers(a: number, op: Operator, b: number): boolean {
  const x = tidyNumber(a);
  const y = tidyNumber(b);
  switch (op) {
    case '=':
      return x === y;
    case '<>':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

export function compileCriterion(criterion: FormulaScalar): CriterionTest {
  if (typeof criterion === 'number') return (cell) => cellNumber(cell) === criterion;
  if (typeof criterion === 'boolean') return (cell) => cell === criterion;
  if (isFormulaDate(criterion)) {
    const serial = criterion.days + EXCEL_EPOCH_OFFSET;
    return (cell) => cellNumber(cell) === serial;
  }
  if (criterion === null || isFormulaError(criterion)) return (cell) => cell === null || cell === '';
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(criterion) as RegExpExecArray;
  const op = (m[1] ?? '=') as Operator;
  const operand = m[2];
  if (operand === '') {
    const blank = (cell: FormulaScalar) => cell === null || cell === '';
    return op === '<>' ? (cell) => !blank(cell) : op === '=' ? blank : () => false;
  }
  const asNumber =
    parseNumericText(operand) ??
    (() => {
      const d = parseLocalDateText(operand);
      return d ? d.days + EXCEL_EPOCH_OFFSET : undefined;
    })();
  if (asNumber !== undefined) {
    return (cell) => {
      const n = cellNumber(cell);
      if (n === undefined) return op === '<>';
      return compareNumbers(n, op, asNumber);
    };
  }
  const upper = operand.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') {
    const b = upper === 'TRUE';
    return (cell) => (op === '<>' ? cell !== b : op === '=' ? cell === b : false);
  }
  if (op === '=' || op === '<>') {
    const re = wildcardRegExp(operand);
    const match = (cell: FormulaScalar) => typeof cell === 'string' && re.test(cell);
    return op === '=' ? match : (cell) => !match(cell);
  }
  return (cell) => {
    if (typeof cell !== 'string') return false;
    const a = cell.toLowerCase();
    const b = operand.toLowerCase();
    const c = a === b ? 0 : a < b ? -1 : 1;
    return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  };
}
