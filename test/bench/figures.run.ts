import { afterAll, it } from 'vitest';
import { benchApi } from './api-bench.js';
import { createReport } from './report.js';
import { benchStore } from './store-bench.js';

// `pnpm bench`: every figure comes from this one run, so ratios compare numbers measured on the
// same machine at the same time. Results are also written to bench-results.json.
const run = createReport();

it('store: raw inserts and a filtered, sorted page on 100k records', async () => {
  await benchStore(run.report);
});

it('api: record creates over HTTP', async () => {
  await benchApi(run.report);
});

afterAll(() => {
  const find = (prefix: string) => run.figures.find((f) => f.name.toLowerCase().startsWith(prefix))?.value;
  const apiRate = find('api record creates');
  const rawRate = find('store insertone');
  if (apiRate && rawRate) run.report('ratio: API creates / raw store inserts', apiRate / rawRate, 'x (goal >= 0.5)');
  run.print();
  run.save('bench-results.json');
});
