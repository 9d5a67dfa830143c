import { afterAll, it } from 'vitest';
import { createReport } from '../report.js';
import { benchFlowEditor } from './flow-editor-bench.js';

// The flow editor benchmark alone: `BENCH_FILE=test/bench/web/flow-editor.run.ts pnpm bench`
// (`pnpm bench` runs it with every other figure).
const run = createReport();

it('web: 500-node flow in the flow editor (time to interactive, panning fps)', async () => {
  await benchFlowEditor(run.report);
});

afterAll(() => run.print());
