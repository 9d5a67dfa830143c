import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

// Unit tests of the designer's pure modules (definition edits, diffs, error mapping), on Node.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@formloom\/model$/, replacement: repo('runtime/model/src/index.ts') },
      { find: /^@formloom\/engine\/fields$/, replacement: repo('runtime/engine/src/fields/registry.ts') },
      {
        find: /^@formloom\/engine\/definitions$/,
        replacement: repo('runtime/engine/src/definitions/validate-form-definition.ts'),
      },
      { find: /^@formloom\/engine\/formulas$/, replacement: repo('runtime/engine/src/formulas/index.ts') },
      {
        find: /^@formloom\/engine\/flows\/definitions$/,
        replacement: repo('runtime/engine/src/flows/definitions/index.ts'),
      },
      { find: /^@formloom\/engine\/templates$/, replacement: repo('runtime/engine/src/templates/index.ts') },
      { find: /^@formloom\/web\/error-messages$/, replacement: repo('runtime/web/src/api/error-messages.ts') },
    ],
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
  },
});
