/**
 * Renders message templates: validated first (validateTemplate), compiled once per source and
 * format (a small LRU cache), run with the prototype protections on, an iteration budget and a
 * deadline checked on every loop step, and an output limit.
 *
 * Formats: `html` escapes every value for HTML; `text` leaves values as they are (for plain
 * text mail and in-app messages, which clients render as text); `json` escapes every string
 * of the data for a JSON string and checks that the result parses as a JSON object or array.
 */
import type { HelperOptions } from 'handlebars';
import { compileOptionsFor, environmentFor, RUNTIME_PROTECTIONS } from './template-environment.js';
import { renderFailed, templateRefused } from './template-errors.js';
import { toPlainData, type PlainValue } from './template-data.js';
import type { TemplateFormat } from './template-helpers.js';
import { validateTemplate } from './validate-template.js';

export interface RenderOptions {
  format?: TemplateFormat;
  /** Where the template came from, for error details (default `template`). */
  path?: string;
  /** Longest output (characters), default 100,000. */
  maxOutputLength?: number;
  /** Loop steps (`each` items, list sections) one render may take, default 50,000. */
  maxIterations?: number;
  /** Wall-clock budget checked on every loop step, default 1,000 ms. */
  timeoutMs?: number;
}

export const DEFAULT_MAX_OUTPUT_LENGTH = 100_000;
const DEFAULT_MAX_ITERATIONS = 50_000;
const DEFAULT_TIMEOUT_MS = 1_000;
const CACHE_SIZE = 500;

type Compiled = (context: unknown, options: Record<string, unknown>) => string;

const cache = new Map<string, Compiled>();

function compiled(source: string, format: TemplateFormat, path: string): Compiled {
  const key = `${format}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const problems = validateTemplate(source, format);
  if (problems.length > 0) throw templateRefused(path, problems);
  const template = environmentFor(format).compile(source, compileOptionsFor(format)) as unknown as Compiled;
  cache.set(key, template);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return template;
}

/** Every string (and key) of the data escaped for the inside of a JSON string literal. */
function escapeStringsForJson(value: PlainValue): PlainValue {
  const escape = (text: string) => JSON.stringify(text).slice(1, -1);
  if (typeof value === 'string') return escape(value);
  if (Array.isArray(value)) return value.map(escapeStringsForJson);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: PlainValue } = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, escape(key), {
        value: escapeStringsForJson(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

class RenderBudget {
  private steps = 0;
  constructor(
    private readonly maxSteps: number,
    private readonly deadline: number,
    private readonly path: string,
  ) {}
  step(): void {
    this.steps += 1;
    if (this.steps > this.maxSteps) {
      throw renderFailed(this.path, 'maxIterations', `The template loops more than ${this.maxSteps} times`);
    }
    if ((this.steps & 63) === 0 && Date.now() > this.deadline) {
      throw renderFailed(this.path, 'timeout', 'The template took too long to render');
    }
  }
}

type BlockHelper = (this: unknown, context: unknown, options: HelperOptions) => unknown;

/** `each` and the list sections of `blockHelperMissing`, counting every step against the budget. */
function budgetedHelpers(format: TemplateFormat, budget: RenderBudget): Record<string, BlockHelper> {
  const env = environmentFor(format);
  const baseEach = env.helpers.each as BlockHelper;
  const baseSection = env.helpers.blockHelperMissing as BlockHelper;
  const counted = (options: HelperOptions): HelperOptions => ({
    ...options,
    fn: (context: unknown, runtime?: Parameters<HelperOptions['fn']>[1]) => {
      budget.step();
      return options.fn(context, runtime);
    },
  });
  return {
    each(context, options) {
      return baseEach.call(this, context, counted(options));
    },
    blockHelperMissing(context, options) {
      if (Array.isArray(context)) return baseEach.call(this, context, counted(options));
      budget.step();
      return baseSection.call(this, context, options);
    },
  };
}

/**
 * Renders `source` with `data` (copied as plain JSON first). Throws a VALIDATION_FAILED
 * FormloomError naming `options.path` when the template is refused, loops or runs too long,
 * its output is too large, or (format `json`) the output is not a JSON object or array.
 */
export function renderTemplate(source: unknown, data: unknown, options: RenderOptions = {}): string {
  const format = options.format ?? 'text';
  const path = options.path ?? 'template';
  if (typeof source !== 'string') {
    throw templateRefused(path, [{ line: 1, column: 0, rule: 'type', message: 'A template must be a string' }]);
  }
  const template = compiled(source, format, path);
  const plain = toPlainData(data);
  const context = format === 'json' ? escapeStringsForJson(plain) : plain;
  const budget = new RenderBudget(
    options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    path,
  );
  let output: string;
  try {
    output = template(context, { ...RUNTIME_PROTECTIONS, helpers: budgetedHelpers(format, budget) });
  } catch (error) {
    if (error instanceof Error && error.name === 'FormloomError') throw error;
    throw renderFailed(
      path,
      'render',
      `The template could not be rendered: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const maxLength = options.maxOutputLength ?? DEFAULT_MAX_OUTPUT_LENGTH;
  if (output.length > maxLength) {
    throw renderFailed(
      path,
      'maxOutputLength',
      `The rendered text has ${output.length} characters; at most ${maxLength} are allowed`,
    );
  }
  if (format === 'json') checkJsonBody(output, path);
  return output;
}

function checkJsonBody(output: string, path: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch (error) {
    throw renderFailed(
      path,
      'json',
      `The rendered body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw renderFailed(path, 'json', 'The rendered body must be a JSON object or array');
  }
}

/** Renders a `json` template and returns the parsed value (an object or array). */
export function renderJsonTemplate(
  source: unknown,
  data: unknown,
  options: Omit<RenderOptions, 'format'> = {},
): unknown {
  return JSON.parse(renderTemplate(source, data, { ...options, format: 'json' }));
}
