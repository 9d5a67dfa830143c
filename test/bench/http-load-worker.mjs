// Load generator for the API bench, run in a worker thread so the HTTP client does not share
// the server's JavaScript thread (a real client never does). Plain JS: worker threads load it
// directly, without the test runner's TypeScript transform.
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

const { origin, token, path, concurrency, durationMs, firstSequence } = workerData;
const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
const stages = ['lead', 'won', 'lost'];
let sequence = firstSequence;
let done = 0;
let failure = null;

function body(i) {
  return JSON.stringify({
    data: {
      f_name: `Customer ${i}`,
      f_email: `customer${i}@example.test`,
      f_stage: stages[i % 3],
      f_amount: (i % 1000) * 10,
      f_since: '2026-01-15',
      f_rating: i % 6,
      f_active: i % 2 === 0,
      f_notes: 'Met at the trade fair; wants a quote for 40 seats.',
      f_tags: i % 5 === 0 ? ['vip'] : [],
    },
  });
}

async function client(until) {
  while (performance.now() < until && failure === null) {
    const i = sequence++;
    const answer = await pool.request({
      path,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body(i),
    });
    const text = await answer.body.text();
    if (answer.statusCode !== 201) failure = `create failed: ${answer.statusCode} ${text.slice(0, 300)}`;
    else done++;
  }
}

const started = performance.now();
const until = started + durationMs;
await Promise.all(Array.from({ length: concurrency }, () => client(until)));
const seconds = (performance.now() - started) / 1000;
await pool.close();
parentPort.postMessage({ done, seconds, failure, nextSequence: sequence });
