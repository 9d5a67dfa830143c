import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { antdStaticStyles } from './build/antd-static-styles.ts';

/**
 * The player is served by the platform at `/` (see platform/src/web). In development `vite`
 * proxies `/api` to a running server (FORMLOOM_API, default http://localhost:3000).
 * The engine and model are read from their TypeScript sources: only browser-safe modules are
 * imported, through subpaths such as `@formloom/engine/formulas`.
 * `antdStaticStyles` generates the form widgets' antd styles at build time (build/antd-static-styles.ts).
 */
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  base: '/',
  plugins: [react(), antdStaticStyles()],
  resolve: {
    alias: [
      { find: /^@formloom\/engine\/(.*)$/, replacement: source('../engine/src/$1') },
      { find: /^@formloom\/model$/, replacement: source('../model/src/index.ts') },
    ],
  },
  build: { outDir: source('./dist'), emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  server: {
    proxy: { '/api': { target: process.env.FORMLOOM_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
