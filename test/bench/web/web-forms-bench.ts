import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Report } from '../report.js';
import { buildBenchPages } from './build-pages.js';
import { largeForm } from './large-form.js';
import { serveDir } from './static-server.js';

/**
 * The 200-field form, first render and keystroke latency, in the player's FormRenderer and in
 * vanilla @rjsf/core (default theme, ajv8) on the same schema, from one Chromium run. Each page
 * is loaded a few times and the median first render kept; then ~100 characters are typed into
 * a text field in the middle of the form and each keystroke timed from keydown to the next paint.
 * BENCH_WEB_PROFILE=<dir> also writes CPU profiles of the last load and of the typing per page
 * (unminified build).
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const LOADS = 5;
const TYPED = 'The quick brown fox jumps over the lazy dog; 0123456789. Formloom bench typing, a hundred chars!!';
const KEY_DELAY_MS = 30;
const GOAL_FIRST_RENDER_MS = 300;
const GOAL_KEYSTROKE_P95_MS = 16;

/** What bench-page.tsx leaves on the page's window. */
interface BenchWindow {
  benchResult?: { firstRenderMs: number | null; keystrokesMs: number[] };
}

interface PageFigures {
  firstRenderMs: number;
  keyP50: number;
  keyP95: number;
  keys: number;
}

export async function benchWebForms(report: Report): Promise<void> {
  const dir = await buildBenchPages();
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const fieldId = `#root_${largeForm().middleTextKey}`;
    const player = await measurePage(browser, `${server.origin}/player.html`, fieldId);
    const vanilla = await measurePage(browser, `${server.origin}/vanilla.html`, fieldId);
    const goal = (ms: number) => `ms (goal <= ${ms})`;
    report('web 200-field form first render (player)', player.firstRenderMs, goal(GOAL_FIRST_RENDER_MS));
    report('web 200-field form first render (vanilla rjsf)', vanilla.firstRenderMs, goal(GOAL_FIRST_RENDER_MS));
    report('web 200-field form keystroke p50 (player)', player.keyP50, 'ms');
    report('web 200-field form keystroke p50 (vanilla rjsf)', vanilla.keyP50, 'ms');
    report('web 200-field form keystroke p95 (player)', player.keyP95, goal(GOAL_KEYSTROKE_P95_MS));
    report('web 200-field form keystroke p95 (vanilla rjsf)', vanilla.keyP95, goal(GOAL_KEYSTROKE_P95_MS));
    report(
      'ratio: web first render player / vanilla rjsf',
      player.firstRenderMs / vanilla.firstRenderMs,
      'x (goal <= 1)',
    );
    report('ratio: web keystroke p95 player / vanilla rjsf', player.keyP95 / vanilla.keyP95, 'x (goal <= 1)');
  } finally {
    await browser.close();
    await server.close();
    // A profile's line numbers point into the build: kept next to the profiles.
    if (process.env.BENCH_WEB_PROFILE) cpSync(dir, join(process.env.BENCH_WEB_PROFILE, 'build'), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measurePage(browser: Browser, url: string, fieldId: string): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const firstRenders: number[] = [];
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const profiler = process.env.BENCH_WEB_PROFILE ? await context.newCDPSession(page) : null;
    await profiler?.send('Profiler.enable');
    const writeProfile = async (what: string) => {
      if (profiler === null) return;
      const { profile } = await profiler.send('Profiler.stop');
      const name = new URL(url).pathname.replace(/\W/g, '_');
      writeFileSync(join(process.env.BENCH_WEB_PROFILE ?? '.', `${what}${name}.cpuprofile`), JSON.stringify(profile));
    };
    for (let i = 0; i < LOADS; i++) {
      // The last load is profiled (when profiling).
      if (i === LOADS - 1) await profiler?.send('Profiler.start');
      await page.goto(url);
      await page.waitForFunction(
        () => ((globalThis as BenchWindow).benchResult?.firstRenderMs ?? null) !== null,
        undefined,
        { timeout: 60_000 },
      );
      if (errors.length > 0) throw new Error(`${url}: ${errors.join('; ')}`);
      firstRenders.push(
        await page.evaluate(() => (globalThis as BenchWindow).benchResult?.firstRenderMs ?? Number.NaN),
      );
    }
    await writeProfile('load');
    await page.click(fieldId);
    await profiler?.send('Profiler.start');
    await page.keyboard.type(TYPED, { delay: KEY_DELAY_MS });
    await writeProfile('typing');
    await page.waitForFunction(
      (n) => ((globalThis as BenchWindow).benchResult?.keystrokesMs.length ?? 0) >= n,
      TYPED.length,
      { timeout: 60_000 },
    );
    const typed = await page.inputValue(fieldId);
    if (typed !== TYPED) throw new Error(`${url}: the field holds "${typed}" after typing`);
    const keys = await page.evaluate(() => (globalThis as BenchWindow).benchResult?.keystrokesMs ?? []);
    return {
      firstRenderMs: quantile(firstRenders, 0.5),
      keyP50: quantile(keys, 0.5),
      keyP95: quantile(keys, 0.95),
      keys: keys.length,
    };
  } finally {
    await context.close();
  }
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
