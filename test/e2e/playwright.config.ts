import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the built web apps in Chromium (player*.e2e.ts, designer*.e2e.ts).
 * global-setup.ts builds what is missing, starts `formloom serve` on a free port with a
 * temporary DATA_DIR and a known admin password, and hands the URL to the tests through
 * FORMLOOM_E2E_URL / FORMLOOM_E2E_ADMIN_PASSWORD. Screenshots go to /tmp/shots/.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: '/tmp/formloom-e2e-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 820 },
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
});
