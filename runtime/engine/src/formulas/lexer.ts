/**
 * Tokens of the formula language (chevrotain lexer). Full-width parentheses and commas, which
 * Chinese input methods produce, are accepted as their ASCII counterparts.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000]+/, group: Lexer.SKIPPED });
export const FieldRef = createToken({ name: 'FieldRef', pattern: /\{[^{}"]*\}/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"]|"")*"/ });
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
});
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_.]*/ });
export const True = createToken({ name: 'True', pattern: /TRUE/i, longer_alt: Identifier });
export const False = createToken({ name: 'False', pattern: /FALSE/i, longer_alt: Identifier });

export const LessEqual = createToken({ name: 'LessEqual', pattern: '<=' });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: '>=' });
export const NotEqual = createToken({ name: 'NotEqual', pattern: '<>' });
export const Less = createToken({ name: 'Less', pattern: '<' });
export const Greater = createToken({ name: 'Greater', pattern: '>' });
export const Equal = createToken({ name: 'Equal', pattern: '=' });
export const Plus = createToken({ name: 'Plus', pattern: '+' });
export const Minus = createToken({ name: 'Minus', pattern: '-' });
export const Star = createToken({ name: 'Star', pattern: '*' });
export const Slash = createToken({ name: 'Slash', pattern: '/' });
export const Caret = createToken({ name: 'Caret', pattern: '^' });
export const Ampersand = createToken({ name: 'Ampersand', pattern: '&' });
export const Percent = createToken({ name: 'Percent', pattern: /%|％/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(|（/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)|）/ });
export const Comma = createToken({ name: 'Comma', pattern: /,|，/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  FieldRef,
  StringLiteral,
  NumberLiteral,
  True,
  False,
  Identifier,
  LessEqual,
  GreaterEqual,
  NotEqual,
  Less,
  Greater,
  Equal,
  Plus,
  Minus,
  Star,
  Slash,
  Caret,
  Ampersand,
  Percent,
  LParen,
  RParen,
  Comma,
];

export const formulaLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
