import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Builds the bench pages (player.html, vanilla.html, floor.html) with Vite's JS API into a temp dir, in
 * production mode, aliased like runtime/web/vite.config.ts: the engine and model from their
 * sources, the renderer from runtime/web/src/form-renderer, and the player's build-time antd
 * styles (runtime/web/build/antd-static-styles.ts). Vite, its React plugin and every
 * package the pages import (react, antd, @rjsf/*) are the player's own, resolved from runtime/web.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
const web = join(repo, 'runtime/web');
const webAnchor = join(web, 'src/form-renderer/index.ts');
const fromWeb = createRequire(join(web, 'package.json'));

/** The parts of Vite's JS API used here (Vite is runtime/web's dependency, not test's). */
interface ViteModule {
  build(config: Record<string, unknown>): Promise<unknown>;
}
interface ResolveContext {
  resolve(source: string, importer: string, options: { skipSelf: boolean }): Promise<unknown>;
}

export async function buildBenchPages(): Promise<string> {
  const vite = (await import(pathToFileURL(fromWeb.resolve('vite')).href)) as ViteModule;
  const reactPlugin = (await import(pathToFileURL(fromWeb.resolve('@vitejs/plugin-react')).href)) as {
    default: () => unknown;
  };
  const { antdStaticStyles } = (await import(pathToFileURL(join(web, 'build/antd-static-styles.ts')).href)) as {
    antdStaticStyles: () => unknown;
  };
  const outDir = mkdtempSync(join(tmpdir(), 'formloom-web-bench-'));
  // Vitest sets NODE_ENV=test, which Vite would keep, bundling React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildWith(vite, [reactPlugin.default(), antdStaticStyles()], outDir);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

async function buildWith(vite: ViteModule, plugins: unknown[], outDir: string): Promise<void> {
  await vite.build({
    configFile: false,
    root: here,
    base: './',
    logLevel: 'warn',
    mode: 'production',
    plugins: [
      ...plugins,
      {
        // Bare imports of the bench pages resolve as if the player imported them.
        name: 'formloom-bench-resolve-from-web',
        enforce: 'pre',
        async resolveId(this: ResolveContext, source: string, importer: string | undefined) {
          if (importer === undefined || !importer.startsWith(here)) return null;
          if (/^[./\0]/.test(source) || source.startsWith('@formloom/')) return null;
          return this.resolve(source, webAnchor, { skipSelf: true });
        },
      },
    ],
    resolve: {
      alias: [
        { find: /^@formloom\/web\/form-renderer$/, replacement: webAnchor },
        { find: /^@formloom\/engine\/(.*)$/, replacement: join(repo, 'runtime/engine/src/$1') },
        { find: /^@formloom\/model$/, replacement: join(repo, 'runtime/model/src/index.ts') },
      ],
    },
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 5000,
      minify: process.env.BENCH_WEB_PROFILE === undefined,
      rollupOptions: {
        input: {
          player: join(here, 'player.html'),
          vanilla: join(here, 'vanilla.html'),
          floor: join(here, 'floor.html'),
        },
      },
    },
  });
}
