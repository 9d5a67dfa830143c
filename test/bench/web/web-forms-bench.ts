import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Report } from '../report.js';
import { buildBenchPages } from './build-pages.js';
import { CHROMIUM_ARGS, quantile } from './chromium.js';
import { largeForm } from './large-form.js';
import { serveDir } from './static-server.js';

/**
 * The 200-field form, first render and keystroke latency, in the player's FormRenderer and in
 * vanilla @rjsf/core (default theme, ajv8) on the same schema, from one Chromium run. Each page
 * is loaded a few times and the median first render (first screen painted) and full render
 * (every field mounted) kept; then ~100 characters are typed into a text field in the middle
 * of the form and each keystroke timed from keydown to the next paint. A page with one bare
 * <input> is typed into the same way: the floor of the method on this machine.
 * The last load of each page is kept as a screenshot: /tmp/shots/bench-web-form_<page>_html.png.
 * BENCH_WEB_PROFILE=<dir> also writes CPU profiles of the last load and of the typing per page
 * (unminified build).
 */
const LOADS = 7;
const TYPED = 'The quick brown fox jumps over the lazy dog; 0123456789. Formloom bench typing, a hundred chars!!';
const KEY_DELAY_MS = 30;
const GOAL_FIRST_RENDER_MS = 300;
const GOAL_KEYSTROKE_P95_MS = 16;

/** What bench-page.tsx leaves on the page's window. */
interface BenchWindow {
  benchResult?: {
    firstRenderMs: number | null;
    fullRenderMs: number | null;
    keystrokesMs: number[];
    handlingMs: number[];
  };
}

interface PageFigures {
  firstRenderMs: number;
  fullRenderMs: number;
  keyP50: number;
  keyP95: number;
  handlingP50: number;
  handlingP95: number;
  keys: number;
}

export async function benchWebForms(report: Report): Promise<void> {
  const dir = await buildBenchPages();
  mkdirSync('/tmp/shots', { recursive: true });
  const server = await serveDir(dir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const fieldId = `#root_${largeForm().middleTextKey}`;
    const pages = [
      await openPage(browser, `${server.origin}/player.html`, fieldId),
      await openPage(browser, `${server.origin}/vanilla.html`, fieldId),
      await openPage(browser, `${server.origin}/floor.html`, '#root_floor'),
    ] as const;
    // Loads take turns, so that a busy moment of the machine hits every page alike. Typing goes
    // page by page: switching pages in the middle costs the next keystrokes a repaint.
    for (let i = 0; i < LOADS; i++) for (const page of pages) await page.load(i === LOADS - 1);
    for (const page of pages) await page.type(TYPED);
    const [player, vanilla, floor] = await Promise.all(pages.map((page) => page.figures()));
    const goal = (ms: number) => `ms (goal <= ${ms})`;
    report('web 200-field form first render (player)', player.firstRenderMs, goal(GOAL_FIRST_RENDER_MS));
    report('web 200-field form first render (vanilla rjsf)', vanilla.firstRenderMs, goal(GOAL_FIRST_RENDER_MS));
    report('web 200-field form full render, all fields mounted (player)', player.fullRenderMs, 'ms');
    report('web 200-field form full render, all fields mounted (vanilla rjsf)', vanilla.fullRenderMs, 'ms');
    report('web 200-field form keystroke p50 (player)', player.keyP50, 'ms');
    report('web 200-field form keystroke p50 (vanilla rjsf)', vanilla.keyP50, 'ms');
    report('web 200-field form keystroke p95 (player)', player.keyP95, goal(GOAL_KEYSTROKE_P95_MS));
    report('web 200-field form keystroke p95 (vanilla rjsf)', vanilla.keyP95, goal(GOAL_KEYSTROKE_P95_MS));
    report('web keystroke p95 of a bare <input> (the floor of the method)', floor.keyP95, 'ms');
    report('web 200-field form keystroke handling p50, no paint (player)', player.handlingP50, 'ms');
    report('web 200-field form keystroke handling p50, no paint (vanilla rjsf)', vanilla.handlingP50, 'ms');
    report('web 200-field form keystroke handling p95, no paint (player)', player.handlingP95, 'ms');
    report('web 200-field form keystroke handling p95, no paint (vanilla rjsf)', vanilla.handlingP95, 'ms');
    report(
      'ratio: web first render player / vanilla rjsf',
      player.firstRenderMs / vanilla.firstRenderMs,
      'x (goal <= 1)',
    );
    report('ratio: web keystroke p95 player / vanilla rjsf', player.keyP95 / vanilla.keyP95, 'x (goal <= 1)');
    report('ratio: web full render player / vanilla rjsf', player.fullRenderMs / vanilla.fullRenderMs, 'x');
    report('ratio: web keystroke handling p50 player / vanilla rjsf', player.handlingP50 / vanilla.handlingP50, 'x');
    await Promise.all(pages.map((page) => page.close()));
  } finally {
    await browser.close();
    await server.close();
    // A profile's line numbers point into the build: kept next to the profiles.
    if (process.env.BENCH_WEB_PROFILE) cpSync(dir, join(process.env.BENCH_WEB_PROFILE, 'build'), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One bench page in its own browser context: loaded LOADS times, then typed into. */
async function openPage(browser: Browser, url: string, fieldId: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const firstRenders: number[] = [];
  const fullRenders: number[] = [];
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const profiler = process.env.BENCH_WEB_PROFILE ? await context.newCDPSession(page) : null;
  await profiler?.send('Profiler.enable');
  const profileName = new URL(url).pathname.replace(/\W/g, '_');
  const writeProfile = async (what: string) => {
    if (profiler === null) return;
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(
      join(process.env.BENCH_WEB_PROFILE ?? '.', `${what}${profileName}.cpuprofile`),
      JSON.stringify(profile),
    );
  };
  const result = () => page.evaluate(() => (globalThis as BenchWindow).benchResult);
  return {
    /** Loads the page and keeps its render times; the last load is profiled (when profiling). */
    async load(profiled: boolean) {
      if (profiled) await profiler?.send('Profiler.start');
      await page.goto(url);
      await page.waitForFunction(
        () => ((globalThis as BenchWindow).benchResult?.fullRenderMs ?? null) !== null,
        undefined,
        { timeout: 60_000 },
      );
      if (errors.length > 0) throw new Error(`${url}: ${errors.join('; ')}`);
      const times = await result();
      firstRenders.push(times?.firstRenderMs ?? Number.NaN);
      fullRenders.push(times?.fullRenderMs ?? Number.NaN);
      if (profiled) await writeProfile('load');
      if (profiled) await page.screenshot({ path: `/tmp/shots/bench-web-form${profileName}.png` });
    },
    async type(text: string) {
      await page.bringToFront();
      await page.click(fieldId);
      await profiler?.send('Profiler.start');
      await page.keyboard.type(text, { delay: KEY_DELAY_MS });
    },
    async figures(): Promise<PageFigures> {
      await writeProfile('typing');
      await page.waitForFunction(
        (n) => ((globalThis as BenchWindow).benchResult?.keystrokesMs.length ?? 0) >= n,
        TYPED.length,
        { timeout: 60_000 },
      );
      const typed = await page.inputValue(fieldId);
      if (typed !== TYPED) throw new Error(`${url}: the field holds "${typed}" after typing`);
      const keys = (await result())?.keystrokesMs ?? [];
      const handling = (await result())?.handlingMs ?? [];
      return {
        firstRenderMs: quantile(firstRenders, 0.5),
        fullRenderMs: quantile(fullRenders, 0.5),
        keyP50: quantile(keys, 0.5),
        keyP95: quantile(keys, 0.95),
        handlingP50: quantile(handling, 0.5),
        handlingP95: quantile(handling, 0.95),
        keys: keys.length,
      };
    },
    close: () => context.close(),
  };
}
