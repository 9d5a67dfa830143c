import { readFileSync } from 'node:fs';

/** The platform package's version (the same file sits two levels up from src/server and dist/server). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
