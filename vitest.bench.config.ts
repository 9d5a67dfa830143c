import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `pnpm bench`: runs the figure-producing benchmarks one after another (never in parallel, so
// they do not share the 2 cores) and prints a table at the end.
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: [process.env.BENCH_FILE ?? 'test/bench/figures.run.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 15 * 60_000,
    pool: 'forks',
    execArgv: process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : [],
    fileParallelism: false,
    maxWorkers: 1,
  },
});
