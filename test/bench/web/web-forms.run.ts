import { afterAll, it } from 'vitest';
import { createReport } from '../report.js';
import { benchWebForms } from './web-forms-bench.js';

// The web benchmark alone: `BENCH_FILE=test/bench/web/web-forms.run.ts pnpm bench`
// (`pnpm bench` runs it with every other figure).
const run = createReport();

it('web: 200-field form in the player and in vanilla @rjsf/core', async () => {
  await benchWebForms(run.report);
});

afterAll(() => run.print());
