import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppAndRecordRoutes } from '../../platform/src/records/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { httpCall, publishedForm, type Call } from '../api/records-fixtures.js';

/** Races over real HTTP (the app listening on a free loopback port, undici with 50 connections). */
let t: TestApp;
let pool: Pool;
let admin: Call;
let records: string;

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [registerAppAndRecordRoutes] });
  const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
  pool = new Pool(origin, { connections: 50 });
  admin = httpCall(pool, t.adminToken);
  const { formId } = await publishedForm(admin);
  records = `/api/forms/${formId}/records`;
});

afterAll(async () => {
  await pool.close();
  await t.close();
});

describe('concurrent writes', () => {
  it('lets exactly one of 50 updates with the same base version win; the others get 409', async () => {
    const created = await admin('POST', records, { data: { f_name: 'Contended', f_amount: 0 } });
    expect(created.status).toBe(201);
    const url = `${records}/${created.body.id}`;

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => admin('PATCH', url, { baseVersion: 1, data: { f_amount: i + 1 } })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = answers.find((a) => a.status === 200);
    for (const loser of answers.filter((a) => a.status === 409)) {
      expect(loser.body.error?.code).toBe('VERSION_CONFLICT');
      expect(loser.body.error?.current?.version).toBe(2);
    }

    const current = await admin('GET', url);
    expect(current.body.version).toBe(2);
    expect(current.body.data?.f_amount).toBe(winner?.body.data?.f_amount);
    const history = await admin('GET', `${url}/history`);
    expect(history.body.items?.map((h) => h.version)).toEqual([1, 2]);
    expect(history.body.items?.[1]?.changes).toEqual([{ field: 'f_amount', from: 0, to: current.body.data?.f_amount }]);
  });

  it('gives 200 concurrent creates 200 distinct serial numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => admin('POST', records, { data: { f_name: `Customer ${i}` } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const serials = answers.map((a) => String(a.body.data?.f_no));
    expect(new Set(serials).size).toBe(200);
    const year = new Date().getUTCFullYear();
    const numbers = serials.map((s) => Number(s.replace(`CUS-${year}-`, ''))).sort((a, b) => a - b);
    // The record of the update race took 0001; these take 0002..0201 with no gaps.
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
  });
});
