/**
 * Checks a message template without rendering it: the designer shows the problems next to
 * the field and publishing refuses a flow whose templates have any. The same checks run
 * before every render, so a template that passes here is the only kind that ever runs.
 */
import Handlebars from 'handlebars';
import { compileOptionsFor, environmentFor } from './template-environment.js';
import type { TemplateProblem } from './template-errors.js';
import type { TemplateFormat } from './template-helpers.js';

/** Longest template source accepted (characters). */
export const MAX_TEMPLATE_LENGTH = 20_000;

/** Path segments no template may use: prototype keys and the accessor gadgets. */
const FORBIDDEN_SEGMENTS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

interface AstNode {
  type: string;
  loc?: { start: { line: number; column: number } } | null;
}

function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function at(node: AstNode): { line: number; column: number } {
  return node.loc ? { line: node.loc.start.line, column: node.loc.start.column } : { line: 1, column: 0 };
}

/** Walks every node of the parsed template and reports partials, decorators and prototype paths. */
function structuralProblems(program: AstNode, format: TemplateFormat): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const visit = (node: AstNode): void => {
    if (
      format === 'html' &&
      node.type === 'MustacheStatement' &&
      (node as unknown as { escaped: unknown }).escaped === false
    ) {
      problems.push({
        ...at(node),
        rule: 'unescaped',
        message: 'Unescaped output ({{{…}}} or {{& …}}) is not available in HTML messages',
      });
    }
    switch (node.type) {
      case 'PartialStatement':
      case 'PartialBlockStatement':
        problems.push({
          ...at(node),
          rule: 'partial',
          message: 'Partials ({{> …}}) are not available in message templates',
        });
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        problems.push({
          ...at(node),
          rule: 'decorator',
          message: 'Decorators ({{* …}}) are not available in message templates',
        });
        return;
      case 'PathExpression': {
        const parts = (node as unknown as { parts: unknown[] }).parts;
        const original = String((node as unknown as { original: unknown }).original);
        const bad = parts.find((part) => typeof part === 'string' && FORBIDDEN_SEGMENTS.has(part));
        if (bad !== undefined) {
          problems.push({
            ...at(node),
            rule: 'forbiddenPath',
            message: `"${original}" reads "${String(bad)}", which templates may not use`,
          });
        }
        return;
      }
      default:
        break;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const item of value) if (isAstNode(item)) visit(item);
      } else if (isAstNode(value) && value !== node) {
        visit(value);
      }
    }
  };
  visit(program);
  return problems;
}

function syntaxMessage(message: string): string {
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  if (lines.length <= 1) return message;
  return `${lines[0]} ${lines[lines.length - 1]}`;
}

/** The position handlebars reports for a parse or compile error. */
function errorProblem(error: unknown): TemplateProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Handlebars.Exception || (error instanceof Error && 'lineNumber' in error)) {
    const withLoc = error as { lineNumber?: unknown; column?: unknown };
    if (typeof withLoc.lineNumber === 'number') {
      const known = /unknown helper (\S+)/.exec(message);
      return {
        line: withLoc.lineNumber,
        column: typeof withLoc.column === 'number' ? withLoc.column : 0,
        rule: known ? 'unknownHelper' : 'syntax',
        message: known ? `Unknown helper "${known[1]}"` : message.replace(/ - \d+:\d+$/, ''),
      };
    }
  }
  // The parser's errors carry no position; its lexer still holds the offending token's.
  const lexer = (
    Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line?: number; first_column?: number } } } }
  ).Parser?.lexer?.yylloc;
  const lineMatch = /on line (\d+)/.exec(message);
  return {
    line: lexer?.first_line ?? (lineMatch ? Number(lineMatch[1]) : 1),
    column: lexer?.first_column ?? 0,
    rule: 'syntax',
    // "Parse error on line 1:" … "Expecting 'ID', …, got 'EOF'": keep the first and the last line.
    message: syntaxMessage(message),
  };
}

/**
 * Every problem of `source` as a template of `format` (empty = usable). Refuses non-strings
 * (handlebars would compile an AST object as code), over-long sources, syntax errors, unknown
 * helpers, partials, decorators, prototype paths and (HTML) unescaped output.
 */
export function validateTemplate(source: unknown, format: TemplateFormat = 'text'): TemplateProblem[] {
  if (typeof source !== 'string') {
    return [{ line: 1, column: 0, rule: 'type', message: 'A template must be a string' }];
  }
  if (source.length > MAX_TEMPLATE_LENGTH) {
    return [
      {
        line: 1,
        column: 0,
        rule: 'maxLength',
        message: `A template may have at most ${MAX_TEMPLATE_LENGTH} characters (this one has ${source.length})`,
      },
    ];
  }
  const env = environmentFor(format);
  let program: AstNode;
  try {
    program = env.parse(source) as unknown as AstNode;
  } catch (error) {
    return [errorProblem(error)];
  }
  const problems = structuralProblems(program, format);
  if (problems.length > 0) return problems;
  try {
    // Runs the compiler (not the generated code): unknown helpers and bad block params fail here.
    env.precompile(source, compileOptionsFor(format));
  } catch (error) {
    return [errorProblem(error)];
  }
  return [];
}
