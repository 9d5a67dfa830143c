import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server's TypeScript sources, for the catalogue tests that walk them for message keys and
 * error rules without a zh-CN/en text (`error-messages.test.ts`, `server-messages.test.ts`).
 */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every non-test `.ts` file below these repository folders (missing folders give nothing). */
export function serverSourceFiles(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => sourceFiles(join(REPO_ROOT, dir)));
}

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}
