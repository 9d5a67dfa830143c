import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repo = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/** The player's renderer, once runtime/web has it (the preview shows a placeholder until then). */
const rendererEntry = ['index.ts', 'index.tsx']
  .map((f) => repo(`runtime/web/src/form-renderer/${f}`))
  .find((p) => existsSync(p));

// The browser must not load @formloom/engine's index (node:crypto, the store …): only the
// browser-safe modules, straight from the TypeScript sources.
export default defineConfig({
  base: '/designer/',
  plugins: [react()],
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
      {
        find: /^@formloom\/engine\/messages\/error-messages$/,
        replacement: repo('runtime/engine/src/messages/error-messages.ts'),
      },
      { find: /^@formloom\/engine\/templates$/, replacement: repo('runtime/engine/src/templates/index.ts') },
      ...(rendererEntry ? [{ find: /^@formloom\/web\/form-renderer$/, replacement: rendererEntry }] : []),
      { find: /^@formloom\/web\/error-messages$/, replacement: repo('runtime/web/src/api/error-messages.ts') },
    ],
    // One copy of what the player's renderer shares with the designer (React, antd, i18next contexts).
    dedupe: ['react', 'react-dom', 'antd', 'i18next', 'react-i18next', '@rjsf/core', '@rjsf/utils'],
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    port: Number(process.env.DESIGNER_PORT ?? 5174),
    proxy: { '/api': { target: process.env.FORMLOOM_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
