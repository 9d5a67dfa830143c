/**
 * The task view says up front whether a step needs the holder's handwritten signature, so the
 * task page shows the signature pad before approving instead of after the server refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PNG_1PX } from './files-fixtures.js';
import { flowGraph, nextTodo, openFlowsWorld, until, type FlowsWorld } from './flows-fixtures.js';

let w: FlowsWorld;
beforeAll(async () => {
  w = await openFlowsWorld();
  const approval = (label: string, signatureRequired: boolean) => ({
    label,
    assignees: { rules: [{ type: 'users', userIds: [w.ids.mia] }], whenEmpty: 'error' },
    mode: 'any',
    signatureRequired,
  });
  await w.publishFlow(
    'Signed purchase',
    flowGraph(
      'process',
      w.forms.purchase,
      [
        ['start', 'start'],
        ['signed', 'approval', approval('Signed step', true)],
        ['plain', 'approval', approval('Plain step', false)],
        ['end', 'end', { result: 'approved' }],
      ],
      [
        ['start', 'signed'],
        ['signed', 'plain'],
        ['plain', 'end'],
      ],
    ),
  );
});
afterAll(async () => {
  await w?.close();
});

describe('task view: signature required up front', () => {
  it('flags a step that needs a signature (an unsigned approval is refused there) and not the next step without the setting', async () => {
    const rec = await w.as.bob('POST', `/api/forms/${w.forms.purchase}/records`, {
      data: { f_title: 'Chairs', f_amount: 10 },
    });
    expect(rec.status).toBe(201);
    const item = await until('the instance', async () => {
      const page = await w.as.bob('GET', '/api/flow-inbox/initiated');
      return page.body.items?.find((i) => i.recordId === rec.body.id);
    });
    const instanceId = String(item.instanceId);

    const signedTask = await nextTodo(w.as.mia, instanceId);
    const view = await w.as.mia('GET', `/api/flow-tasks/${String(signedTask.id)}`);
    expect(view.status).toBe(200);
    expect(view.body.signatureRequired).toBe(true);
    const unsigned = await w.as.mia('POST', `/api/flow-tasks/${String(signedTask.id)}/actions`, { action: 'approve' });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error?.details).toEqual([
      expect.objectContaining({ path: 'signatureFileId', rule: 'required' }),
    ]);

    const body = multipart(PNG_1PX, 'signature.png');
    const upload = await w.t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...w.t.auth(await w.t.login('mia', 'mia-password-123')), ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    const signatureFileId = String((upload.json() as { blobId: string }).blobId);
    const signed = await w.as.mia('POST', `/api/flow-tasks/${String(signedTask.id)}/actions`, {
      action: 'approve',
      signatureFileId,
    });
    expect(signed.status).toBe(200);

    const plainTask = await until('the plain step', async () => {
      const next = await nextTodo(w.as.mia, instanceId);
      return next.id !== signedTask.id ? next : undefined;
    });
    const plain = await w.as.mia('GET', `/api/flow-tasks/${String(plainTask.id)}`);
    expect(plain.body.signatureRequired).toBe(false);
    expect(plain.body.task).toMatchObject({ nodeId: 'plain' });
  });
});
