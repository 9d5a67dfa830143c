import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// `pnpm bench`: runs the figure-producing benchmarks one after another (never in parallel, so
// they do not share the 2 cores) and prints a table at the end.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/bench/figures.run.ts'],
      exclude: [],
      testTimeout: 15 * 60_000,
      hookTimeout: 15 * 60_000,
      fileParallelism: false,
      maxWorkers: 1,
    },
  }),
);
