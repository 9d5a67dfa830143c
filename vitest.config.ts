import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Tests run on the TypeScript sources of every workspace package, so no build is needed first.
export default defineConfig({
  resolve: {
    // Browser code imports browser-safe engine modules by subpath (`@formloom/engine/formulas`).
    alias: [
      { find: /^@formloom\/engine\/(.+)$/, replacement: src('./runtime/engine/src/$1') },
      { find: /^@formloom\/model$/, replacement: src('./runtime/model/src/index.ts') },
      { find: /^@formloom\/engine$/, replacement: src('./runtime/engine/src/index.ts') },
      { find: /^@formloom\/platform$/, replacement: src('./platform/src/index.ts') },
    ],
  },
  test: {
    include: ['platform/src/**/*.test.ts', 'runtime/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
