import { FormloomError, type ErrorDetail } from '@formloom/model';

/** Where a template problem is: 1-based line, 0-based column (handlebars' own convention). */
export interface TemplateProblem {
  line: number;
  column: number;
  /** `syntax`, `unknownHelper`, `partial`, `decorator`, `forbiddenPath`, `maxLength`, `type`. */
  rule: string;
  message: string;
}

/**
 * A template that cannot be rendered: refused before running (syntax, unknown helpers,
 * partials, prototype paths, too long) or stopped while rendering (output too large, a JSON
 * body that is not JSON). `path` names where the template came from (e.g. `data.body`).
 */
export function templateRefused(path: string, problems: TemplateProblem[]): FormloomError {
  const details: ErrorDetail[] = problems.map((problem) => ({
    path,
    rule: problem.rule,
    message: `${problem.message} (line ${problem.line}, column ${problem.column})`,
  }));
  return new FormloomError('VALIDATION_FAILED', problems[0]?.message ?? 'The template cannot be used', details);
}

export function renderFailed(path: string, rule: string, message: string): FormloomError {
  return new FormloomError('VALIDATION_FAILED', message, [{ path, rule, message }]);
}
