/**
 * The record page's flow reads: a record's instances (only those the caller may see), the
 * drawing of an instance's flow version (kinds, labels, positions; no assignees or conditions),
 * and a form's button automations (for readers of the form).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, PNG_1PX } from './files-fixtures.js';
import { flowGraph, nextTodo, openFlowsWorld, until, type FlowsWorld } from './flows-fixtures.js';

let w: FlowsWorld;
beforeAll(async () => {
  w = await openFlowsWorld();
  await w.publishFlow(
    'Purchase',
    flowGraph(
      'process',
      w.forms.purchase,
      [
        ['start', 'start', { label: 'Submit' }],
        [
          'mgr',
          'approval',
          {
            label: 'Manager',
            assignees: { rules: [{ type: 'users', userIds: [w.ids.mia] }], whenEmpty: 'error' },
            mode: 'any',
          },
        ],
        ['end', 'end', { result: 'approved' }],
      ],
      [
        ['start', 'mgr'],
        ['mgr', 'end'],
      ],
    ),
  );
  await w.publishFlow(
    'Follow up',
    flowGraph(
      'automation',
      undefined,
      [
        ['t', 'trigger', { trigger: { type: 'button', formId: w.forms.purchase, buttonLabel: 'Follow up' } }],
        ['end', 'end', { result: 'ended' }],
      ],
      [['t', 'end']],
    ),
  );
});
afterAll(async () => {
  await w?.close();
});

describe('the record page’s flow reads', () => {
  it('lists a record’s instances to its initiator and the task holder, not to others', async () => {
    const rec = await w.as.ann('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: 'Desk' } });
    expect(rec.status).toBe(201);
    const query = `/api/flow-instances?formId=${w.forms.purchase}&recordId=${String(rec.body.id)}`;
    const mine = await until('the instance', async () => {
      const page = await w.as.ann('GET', query);
      return page.body.items?.length === 1 ? page.body.items : null;
    });
    expect(mine[0]).toMatchObject({ flowName: 'Purchase', status: 'running', initiatorId: w.ids.ann });
    const instanceId = String(mine[0].id);
    await nextTodo(w.as.mia, instanceId);
    expect((await w.as.mia('GET', query)).body.items).toHaveLength(1);
    expect((await w.as.sam('GET', query)).body.items).toEqual([]);
    expect((await w.as.ann('GET', '/api/flow-instances?formId=x')).status).toBe(400);

    const diagram = await w.as.ann('GET', `/api/flow-instances/${instanceId}/diagram`);
    expect(diagram.status).toBe(200);
    const body = diagram.body as unknown as {
      nodes: Array<Record<string, unknown>>;
      edges: Array<Record<string, unknown>>;
    };
    expect(body.nodes.map((n) => [n.id, n.type, n.label])).toEqual([
      ['start', 'start', 'Submit'],
      ['mgr', 'approval', 'Manager'],
      ['end', 'end', ''],
    ]);
    expect(body.nodes[1]).toEqual({ id: 'mgr', type: 'approval', label: 'Manager', position: { x: 0, y: 120 } });
    expect(JSON.stringify(body)).not.toContain(w.ids.mia);
    expect(body.edges).toEqual([
      { id: 'e0', source: 'start', target: 'mgr', label: '' },
      { id: 'e1', source: 'mgr', target: 'end', label: '' },
    ]);
    expect((await w.as.sam('GET', `/api/flow-instances/${instanceId}/diagram`)).status).toBe(404);
  });

  it('serves a signature given with an action to those who see the instance, and only signatures of that instance', async () => {
    const rec = await w.as.ann('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: 'Signed' } });
    const query = `/api/flow-instances?formId=${w.forms.purchase}&recordId=${String(rec.body.id)}`;
    const [instance] = await until('the instance', async () => {
      const page = await w.as.ann('GET', query);
      return page.body.items?.length === 1 ? page.body.items : null;
    });
    const instanceId = String(instance.id);
    const task = await nextTodo(w.as.mia, instanceId);
    const body = multipart(PNG_1PX, 'signature.png');
    const uploaded = await w.t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...w.t.auth(await w.t.login('mia', 'mia-password-123')), ...body.headers },
      payload: body.payload,
    });
    const fileId = String((uploaded.json() as { blobId: string }).blobId);
    const acted = await w.as.mia('POST', `/api/flow-tasks/${String(task.id)}/actions`, {
      action: 'approve',
      signatureFileId: fileId,
    });
    expect(acted.status).toBe(200);
    // ann may not download mia's upload directly, but sees it as a signature of her instance.
    expect((await w.as.ann('GET', `/api/files/${fileId}`)).status).toBe(404);
    const annToken = await w.t.login('ann', 'ann-password-123');
    const image = await w.t.app.inject({
      method: 'GET',
      url: `/api/flow-instances/${instanceId}/signatures/${fileId}`,
      headers: w.t.auth(annToken),
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG_1PX)).toBe(true);
    // Not for those who cannot see the instance, nor for files that are not its signatures.
    expect((await w.as.sam('GET', `/api/flow-instances/${instanceId}/signatures/${fileId}`)).status).toBe(404);
    const other = await w.as.ann('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: 'Other' } });
    const [otherInstance] = await until('the other instance', async () => {
      const page = await w.as.ann(
        'GET',
        `/api/flow-instances?formId=${w.forms.purchase}&recordId=${String(other.body.id)}`,
      );
      return page.body.items?.length === 1 ? page.body.items : null;
    });
    expect((await w.as.ann('GET', `/api/flow-instances/${String(otherInstance.id)}/signatures/${fileId}`)).status).toBe(
      404,
    );
  });

  it('names a form’s button automations to those who may read its records', async () => {
    const buttons = await w.as.ann('GET', `/api/forms/${w.forms.purchase}/flow-buttons`);
    expect(buttons.status).toBe(200);
    expect(buttons.body.items).toEqual([{ flowId: expect.any(String), label: 'Follow up' }]);
    // Follow-ups: members have no permission on that form.
    expect((await w.as.ann('GET', `/api/forms/${w.forms.followup}/flow-buttons`)).status).toBe(403);
    expect((await w.as.ann('GET', `/api/forms/${w.forms.opportunity}/flow-buttons`)).body.items).toEqual([]);
  });
});
