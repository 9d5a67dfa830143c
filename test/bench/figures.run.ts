import { afterAll, it } from 'vitest';
import { benchApi } from './api-bench.js';
import { benchFlows } from './flow-bench.js';
import { createReport } from './report.js';
import { benchStore } from './store-bench.js';
import { benchFlowEditor } from './web/flow-editor-bench.js';
import { benchWebForms } from './web/web-forms-bench.js';

// `pnpm bench`: every figure comes from this one run, so ratios compare numbers measured on the
// same machine at the same time. Results are also written to bench-results.json.
const run = createReport();

it('store: raw inserts and a filtered, sorted page on 100k records', async () => {
  await benchStore(run.report);
});

it('api: record creates over HTTP', async () => {
  await benchApi(run.report);
});

it('flows: approval transitions vs raw BullMQ no-op jobs, approval → next task latency', async () => {
  await benchFlows(run.report);
});

it('web: 200-field form in the player and in vanilla @rjsf/core', async () => {
  await benchWebForms(run.report);
});

it('web: 500-node flow in the flow editor (time to interactive, panning fps)', async () => {
  await benchFlowEditor(run.report);
});

afterAll(() => {
  const find = (prefix: string) => run.figures.find((f) => f.name.toLowerCase().startsWith(prefix))?.value;
  const apiRate = find('api record creates');
  const rawRate = find('store insertone (');
  const indexedRate = find('store insertone into a form-indexed collection (sequential');
  const concurrentRate = find('store insertone into a form-indexed collection, 32 concurrent');
  if (apiRate && rawRate) run.report('ratio: API creates / raw store inserts', apiRate / rawRate, 'x (goal >= 0.5)');
  if (apiRate && indexedRate)
    run.report('ratio: API creates / form-indexed store inserts', apiRate / indexedRate, 'x (goal >= 0.5)');
  if (apiRate && concurrentRate)
    run.report('ratio: API creates / concurrent form-indexed store inserts', apiRate / concurrentRate, 'x');
  run.print();
  run.save('bench-results.json');
});
