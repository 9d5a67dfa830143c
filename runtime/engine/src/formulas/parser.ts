/**
 * The formula grammar (chevrotain, embedded actions) with Excel's operator precedence, lowest first:
 *   comparison  = <> < <= > >=
 *   concatenation  &
 *   additive  + -
 *   multiplicative  * /
 *   exponent  ^   (left-associative: 2^3^2 = 64)
 *   percent  postfix %
 *   negation  prefix - +  (binds tighter than ^: -2^2 = 4)
 * A leading `=` (typed out of Excel habit) is ignored.
 */
import { EmbeddedActionsParser, type IToken, type ParserMethod, type TokenType } from 'chevrotain';
import type { BinaryOperator, FormulaNode } from './ast.js';
import { splitFieldReference } from './ast.js';
import {
  allTokens,
  Ampersand,
  Caret,
  Comma,
  Equal,
  False,
  FieldRef,
  formulaLexer,
  Greater,
  GreaterEqual,
  Identifier,
  Less,
  LessEqual,
  LParen,
  Minus,
  NotEqual,
  NumberLiteral,
  Percent,
  Plus,
  RParen,
  Slash,
  Star,
  StringLiteral,
  True,
} from './lexer.js';
import { LruCache } from './lru-cache.js';

export type FormulaSyntaxCode =
  | 'emptyFormula'
  | 'unclosedString'
  | 'unclosedField'
  | 'badCharacter'
  | 'unexpectedEnd'
  | 'unexpectedToken'
  | 'missingParen'
  | 'emptyField';

export interface FormulaSyntaxError {
  start: number;
  end: number;
  code: FormulaSyntaxCode;
  params: Record<string, string>;
  message: string;
}

export type ParseResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaSyntaxError };

const endOf = (t: IToken) => t.startOffset + t.image.length;
const span = (first: IToken, last: IToken) => ({ start: first.startOffset, end: endOf(last) });

class FormulaParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  readonly formula = this.RULE('formula', (): FormulaNode => {
    this.OPTION(() => this.CONSUME(Equal));
    return this.SUBRULE(this.comparison);
  });

  /** One precedence level: `operand (operator operand)*`, folded to the left. */
  private binaryLevel(operand: ParserMethod<[], FormulaNode>, operators: TokenType[]): FormulaNode {
    let left = this.SUBRULE(operand);
    this.MANY(() => {
      const op = this.OR(operators.map((t) => ({ ALT: () => this.CONSUME(t) })));
      const right = this.SUBRULE2(operand);
      left = this.ACTION(() => ({
        type: 'binary' as const,
        op: op.image as BinaryOperator,
        left,
        right,
        start: left.start,
        end: right.end,
      }));
    });
    return left;
  }

  private readonly comparison = this.RULE('comparison', (): FormulaNode =>
    this.binaryLevel(this.concatenation, [Equal, NotEqual, LessEqual, GreaterEqual, Less, Greater]),
  );
  private readonly concatenation = this.RULE('concatenation', (): FormulaNode =>
    this.binaryLevel(this.additive, [Ampersand]),
  );
  private readonly additive = this.RULE('additive', (): FormulaNode =>
    this.binaryLevel(this.multiplicative, [Plus, Minus]),
  );
  private readonly multiplicative = this.RULE('multiplicative', (): FormulaNode =>
    this.binaryLevel(this.exponent, [Star, Slash]),
  );
  private readonly exponent = this.RULE('exponent', (): FormulaNode => this.binaryLevel(this.percent, [Caret]));

  private readonly percent = this.RULE('percent', (): FormulaNode => {
    let node = this.SUBRULE(this.negation);
    this.MANY(() => {
      const tok = this.CONSUME(Percent);
      node = this.ACTION(() => ({ type: 'percent' as const, operand: node, start: node.start, end: endOf(tok) }));
    });
    return node;
  });

  private readonly negation = this.RULE('negation', (): FormulaNode =>
    this.OR([
      {
        ALT: () => {
          const op = this.OR2([{ ALT: () => this.CONSUME(Minus) }, { ALT: () => this.CONSUME(Plus) }]);
          const operand = this.SUBRULE(this.negation);
          return this.ACTION(() => ({
            type: 'unary' as const,
            op: op.image as '-' | '+',
            operand,
            start: op.startOffset,
            end: operand.end,
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]),
  );

  private readonly primary = this.RULE('primary', (): FormulaNode =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(NumberLiteral);
          return this.ACTION(() => ({ type: 'number' as const, value: Number(t.image), ...span(t, t) }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(StringLiteral);
          return this.ACTION(() => ({
            type: 'string' as const,
            value: t.image.slice(1, -1).replace(/""/g, '"'),
            ...span(t, t),
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.booleanLiteral) },
      {
        ALT: () => {
          const t = this.CONSUME(FieldRef);
          return this.ACTION(() => ({
            type: 'field' as const,
            ...splitFieldReference(t.image.slice(1, -1)),
            ...span(t, t),
          }));
        },
      },
      { ALT: () => this.SUBRULE(this.call) },
      {
        ALT: () => {
          const open = this.CONSUME(LParen);
          const inner = this.SUBRULE(this.comparison);
          const close = this.CONSUME(RParen);
          return this.ACTION(() => ({ ...inner, start: open.startOffset, end: endOf(close) }));
        },
      },
    ]),
  );

  /** `TRUE`, `FALSE`, and Excel's function forms `TRUE()` and `FALSE()`. */
  private readonly booleanLiteral = this.RULE('booleanLiteral', (): FormulaNode => {
    const t = this.OR([{ ALT: () => this.CONSUME(True) }, { ALT: () => this.CONSUME(False) }]);
    let last = t;
    this.OPTION(() => {
      this.CONSUME(LParen);
      last = this.CONSUME(RParen);
    });
    return this.ACTION(() => ({ type: 'boolean' as const, value: t.image.toUpperCase() === 'TRUE', ...span(t, last) }));
  });

  private readonly call = this.RULE('call', (): FormulaNode => {
    const name = this.CONSUME(Identifier);
    this.CONSUME(LParen);
    const args: FormulaNode[] = [];
    this.MANY_SEP({ SEP: Comma, DEF: () => args.push(this.SUBRULE(this.comparison)) });
    const close = this.CONSUME(RParen);
    return this.ACTION(() => ({
      type: 'call' as const,
      name: name.image.toUpperCase(),
      nameEnd: endOf(name),
      args,
      ...span(name, close),
    }));
  });
}

const parser = new FormulaParser();
const cache = new LruCache<string, ParseResult>(500);

function syntaxError(
  code: FormulaSyntaxCode,
  start: number,
  end: number,
  message: string,
  params: Record<string, string> = {},
): ParseResult {
  return { ok: false, error: { code, start, end, message, params } };
}

function parseUncached(text: string): ParseResult {
  if (text.trim() === '' || text.trim() === '=')
    return syntaxError('emptyFormula', 0, text.length, 'The formula is empty');
  const lexed = formulaLexer.tokenize(text);
  if (lexed.errors.length > 0) {
    const at = lexed.errors[0].offset;
    const ch = text[at];
    if (ch === '"') return syntaxError('unclosedString', at, text.length, 'A text in quotes is not closed with "');
    if (ch === '{') return syntaxError('unclosedField', at, text.length, 'A field reference is not closed with }');
    return syntaxError('badCharacter', at, at + lexed.errors[0].length, `Unexpected character "${ch}"`, { found: ch });
  }
  const emptyField = lexed.tokens.find((t) => t.tokenType === FieldRef && t.image.slice(1, -1).trim() === '');
  if (emptyField)
    return syntaxError('emptyField', emptyField.startOffset, endOf(emptyField), 'A field reference {} is empty');
  parser.input = lexed.tokens;
  const ast = parser.formula();
  if (parser.errors.length > 0) {
    const e = parser.errors[0];
    const tok = e.token;
    if (tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset)) {
      const missingParen = e.name === 'MismatchedTokenException' && /RParen/.test(e.message);
      return missingParen
        ? syntaxError('missingParen', text.length, text.length, 'A closing parenthesis ) is missing')
        : syntaxError('unexpectedEnd', text.length, text.length, 'The formula ends too early');
    }
    return syntaxError('unexpectedToken', tok.startOffset, endOf(tok), `Unexpected "${tok.image}"`, {
      found: tok.image,
    });
  }
  return { ok: true, ast };
}

/** Parses a formula in its stored form (`{field_key}` references). Results are cached by text. */
export function parseFormula(text: string): ParseResult {
  const hit = cache.get(text);
  if (hit) return hit;
  const result = parseUncached(text);
  cache.set(text, result);
  return result;
}
