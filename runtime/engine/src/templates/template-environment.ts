/**
 * The isolated handlebars environments message templates run in: one per output format,
 * each made with `Handlebars.create()` (nothing registered on the global instance reaches
 * them), with our helpers and handlebars' `if`/`unless`/`each`/`with` only — `lookup` and
 * `log` are removed, partials and decorators are refused before compiling, and every call of
 * a helper we do not know fails at compile time (`knownHelpersOnly`).
 */
import Handlebars from 'handlebars';
import { helpersFor, TEMPLATE_HELPERS, type TemplateFormat } from './template-helpers.js';

export type HandlebarsEnvironment = typeof Handlebars;
export type TemplateCompileOptions = NonNullable<Parameters<HandlebarsEnvironment['compile']>[1]>;

/** The handlebars release templates run on (4.7.10 or newer is required). */
export const HANDLEBARS_VERSION: string = Handlebars.VERSION;

const BUILT_IN_BLOCK_HELPERS = ['if', 'unless', 'each', 'with'] as const;

/** Compile options: only known helpers (`lookup`, `log` and the missing-helper hooks unknown); `noEscape` outside HTML. */
export function compileOptionsFor(format: TemplateFormat): TemplateCompileOptions {
  // helperMissing/blockHelperMissing are hooks, not helpers a template may call: a bare name reads data.
  const knownHelpers: Record<string, boolean> = {
    lookup: false,
    log: false,
    helperMissing: false,
    blockHelperMissing: false,
  };
  for (const name of [...TEMPLATE_HELPERS, ...BUILT_IN_BLOCK_HELPERS]) knownHelpers[name] = true;
  return {
    knownHelpers,
    knownHelpersOnly: true,
    noEscape: format !== 'html',
    strict: false,
    assumeObjects: false,
    data: true,
    preventIndent: true,
    explicitPartialContext: true,
  };
}

/**
 * Runtime options of every render: the prototype protections spelled out (no access to
 * inherited properties or methods, nothing allowed by name) and no partials or decorators.
 */
export const RUNTIME_PROTECTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowedProtoProperties: {},
  allowedProtoMethods: {},
  allowCallsToHelperMissing: false,
  partials: {},
  decorators: {},
} as const;

function createEnvironment(format: TemplateFormat): HandlebarsEnvironment {
  const env = Handlebars.create();
  env.unregisterHelper('lookup');
  env.unregisterHelper('log');
  for (const name of Object.keys(env.partials)) env.unregisterPartial(name);
  for (const name of Object.keys(env.decorators)) env.unregisterDecorator(name);
  // A mustache that names no value and no helper renders nothing; one with arguments is an error.
  env.registerHelper('helperMissing', (...args: unknown[]) => {
    if (args.length > 1) throw new Handlebars.Exception('Unknown helper');
    return undefined;
  });
  const helpers = helpersFor(format);
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper);
  return env;
}

const environments = new Map<TemplateFormat, HandlebarsEnvironment>();

export function environmentFor(format: TemplateFormat): HandlebarsEnvironment {
  let env = environments.get(format);
  if (!env) {
    env = createEnvironment(format);
    environments.set(format, env);
  }
  return env;
}
