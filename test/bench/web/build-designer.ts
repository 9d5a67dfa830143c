import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Builds the designer from its current sources with its own vite.config.ts into a temp dir, in
 * production mode, so the flow editor bench measures the code in the tree (not whatever
 * designer/dist holds). `minify: false` keeps names readable for CPU profiles.
 */
const designer = fileURLToPath(new URL('../../../designer/', import.meta.url));
const fromDesigner = createRequire(join(designer, 'package.json'));

interface ViteModule {
  build(config: Record<string, unknown>): Promise<unknown>;
}

export async function buildDesigner(options: { minify: boolean }): Promise<string> {
  const vite = (await import(pathToFileURL(fromDesigner.resolve('vite')).href)) as ViteModule;
  const outDir = mkdtempSync(join(tmpdir(), 'formloom-designer-bench-'));
  // Vitest sets NODE_ENV=test, which Vite would keep, bundling React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      configFile: join(designer, 'vite.config.ts'),
      root: designer,
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true, minify: options.minify, chunkSizeWarningLimit: 10_000 },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}
