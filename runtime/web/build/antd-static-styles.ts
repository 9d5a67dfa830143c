import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';

/**
 * Vite plugin: `import 'virtual:antd-static-styles.css'` is, in a production build, the antd
 * styles of the form renderer's widgets generated at build time (by rendering sample forms on
 * the server: src/form-renderer/static-styles/antd-static-styles.tsx) with antd's cache-path
 * marker, so the page does not generate them at run time; in development it is empty (antd
 * generates its styles as usual). Used by vite.config.ts and by the web benchmark's build.
 */
const MODULE_ID = 'virtual:antd-static-styles.css';
// A path-like id ending in .css, so that Vite's CSS pipeline bundles it like a file.
const RESOLVED_ID = '/@formloom/antd-static-styles.css';
const webRoot = fileURLToPath(new URL('..', import.meta.url));
const EXTRACTOR = '/src/form-renderer/static-styles/antd-static-styles.tsx';
const THEME = '/src/form-renderer/static-styles/player-theme.ts';

interface Extractor {
  extractAntdStyles(theme: unknown): string;
}
interface ThemeModule {
  PLAYER_THEME: unknown;
}

export function antdStaticStyles(): Plugin {
  let production = false;
  return {
    name: 'formloom-antd-static-styles',
    configResolved(config) {
      production = config.command === 'build' && config.mode === 'production';
    },
    resolveId(id) {
      return id === MODULE_ID ? RESOLVED_ID : null;
    },
    async load(id) {
      if (id !== RESOLVED_ID) return null;
      return production ? await extractWithSsr() : '';
    },
  };
}

/** Renders the sample forms through a Vite SSR server on the web package (its aliases) and returns the CSS. */
async function extractWithSsr(): Promise<string> {
  // antd's style hash differs between development and production builds (`css-dev-only-…`).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const server = await createServer({
    root: webRoot,
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    mode: 'production',
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const { PLAYER_THEME } = (await server.ssrLoadModule(THEME)) as ThemeModule;
    const { extractAntdStyles } = (await server.ssrLoadModule(EXTRACTOR)) as Extractor;
    const css = extractAntdStyles(PLAYER_THEME);
    if (css.includes('css-dev-only')) throw new Error('antd styles were extracted in development mode');
    // An empty marker: antd used another @ant-design/cssinjs than this package's (versions apart).
    if (/data-ant-cssinjs-cache-path\{content:""/.test(css) || !css.includes('data-ant-cssinjs-cache-path'))
      throw new Error('antd style extraction found no styles (is @ant-design/cssinjs the version antd uses?)');
    return css;
  } finally {
    await server.close();
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
