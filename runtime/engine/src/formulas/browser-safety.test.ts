import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const NODE_BUILTINS = /from\s+['"](node:[^'"]+|fs|path|os|crypto|url|util|module|child_process|buffer|stream)['"]/;

describe('the formula module runs in the browser', () => {
  const files = sources(here);

  it('imports nothing Node-only and nothing outside the browser-safe set', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(NODE_BUILTINS);
      for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
        const spec = m[1];
        const allowed =
          spec.startsWith('./') ||
          spec.startsWith('../') ||
          ['chevrotain', '@formulajs/formulajs', '@formloom/model'].includes(spec);
        expect(allowed, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('never evaluates code from text', () => {
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\beval\s*\(|new\s+Function\b/);
  });

  it('depends on libraries whose ESM import graphs need no Node built-ins and no eval', () => {
    const seen = walkEsmGraph(['chevrotain', '@formulajs/formulajs'], join(here, '..', '..', 'package.json'));
    expect(seen.size).toBeGreaterThan(10);
    for (const [file, source] of seen) {
      // Comments may mention eval (jstat's does); only code counts.
      const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(text, file).not.toMatch(NODE_BUILTINS);
      expect(text, file).not.toMatch(/require\(['"](node:)?(fs|path|os|crypto|child_process)['"]\)/);
      expect(text, file).not.toMatch(/new\s+Function\s*\(|\beval\s*\(/);
    }
  });
});

/** The directory and manifest of an installed package, found as Node does: node_modules upwards. */
function packageOf(name: string, fromFile: string): { dir: string; manifest: Record<string, unknown> } {
  let dir = dirname(fromFile);
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json')))
      return { dir: candidate, manifest: JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) };
    const up = dirname(dir);
    if (up === dir) throw new Error(`package ${name} not found from ${fromFile}`);
    dir = up;
  }
}

/** The file a bundler loads for `import name`: exports["."].import, then module, then main. */
function esmEntry(name: string, fromFile: string): string {
  const { dir, manifest } = packageOf(name, fromFile);
  const exp = (manifest.exports as Record<string, unknown> | undefined)?.['.'] as Record<string, unknown> | undefined;
  const imp = exp?.import as string | Record<string, string> | undefined;
  const target =
    (typeof imp === 'string' ? imp : imp?.default) ?? (manifest.module as string) ?? (manifest.main as string);
  return resolveFile(join(dir, target));
}

/** Node's file resolution for a path without an extension: `x`, `x.js`, `x/index.js`. */
function resolveFile(path: string): string {
  for (const candidate of [path, `${path}.js`, `${path}.mjs`, join(path, 'index.js')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return realpathSync(candidate);
  throw new Error(`cannot resolve ${path}`);
}

/** Every module reachable through static imports and re-exports from the given packages. */
function walkEsmGraph(packages: string[], fromFile: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = packages.map((p) => esmEntry(p, fromFile));
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) queue.push(resolveFile(join(dirname(file), spec)));
      else queue.push(esmEntry(spec, file));
    }
  }
  return seen;
}
