import { afterAll, it } from 'vitest';
import { benchFlows } from './flow-bench.js';
import { createReport } from './report.js';

// `BENCH_FILE=test/bench/flows.run.ts pnpm bench`: only the flow engine figures.
const run = createReport();

it('flows: approval transitions vs raw BullMQ, approval → next task latency', async () => {
  await benchFlows(run.report);
});

afterAll(() => {
  run.print();
});
