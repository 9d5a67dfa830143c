import {
  isFormloomError,
  type Condition,
  type CreateRecordNodeData,
  type DeleteRecordsNodeData,
  type RecordFinder,
  type UpdateRecordsNodeData,
  type UpsertRecordNodeData,
  type ValueSource,
} from '@formloom/model';
import { messageRef } from '../../../messages/server-messages.js';
import type { RecordContext } from '../../../records/record-service.types.js';
import { nodeData, type FlowNodeHandler, type NodeExecution, type NodeOutcome } from '../node-handlers.js';
import { badValue, refusedWrite } from '../runtime-texts.js';
import { resolveFieldMap, resolveValueSource, ValueSourceError, type ValueSourceContext } from '../value-sources.js';

/**
 * Record actions write through the records engine as the system principal: validated like any
 * write, with history and record events, at automation depth + 1. Each is idempotent on the
 * step: creates carry the step id as idempotency key, updates change only fields that still
 * differ, deletes of a record already gone do nothing.
 */
async function valueContext(exec: NodeExecution): Promise<ValueSourceContext> {
  const form = exec.instance.formId ? await exec.core.formOf(exec.instance.formId) : null;
  return {
    record: await exec.record(),
    fields: form?.definition.fields,
    initiatorId: exec.instance.initiatorId,
    now: exec.now,
    timeZone: exec.core.timeZone,
  };
}

/**
 * A write the data refused (validation, a missing form, a formula error) fails the step for
 * good, keyed with the form `formId` written to; anything else is retried.
 */
async function guarded(exec: NodeExecution, formId: string, run: () => Promise<NodeOutcome>): Promise<NodeOutcome> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ValueSourceError) return badValue(e.field, e.formulaError, await exec.core.formOf(formId));
    if (isFormloomError(e) && e.code !== 'VERSION_CONFLICT' && e.code !== 'UNAVAILABLE' && e.code !== 'INTERNAL') {
      const form = await exec.core.formOf(formId);
      return refusedWrite(e, await exec.core.formNameOf(formId, form), form);
    }
    throw e;
  }
}

/** The form a node's target lives in: the trigger record's, else the finder's. */
function targetFormId(exec: NodeExecution, target: UpdateRecordsNodeData['target']): string {
  return target.type === 'trigger' ? (exec.instance.formId ?? '') : target.formId;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only the fields whose stored value differs from the wanted one (re-running a step then changes nothing). */
function changedOnly(current: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !same(current[k], v)));
}

/** Ids of the records a finder selects (up to 500), through the condition language. */
async function findRecords(
  exec: NodeExecution,
  ctx: RecordContext,
  finder: RecordFinder,
  values: ValueSourceContext,
): Promise<string[]> {
  const cond: Condition['cond'] = (finder.match ?? []).map((m: { field: string; source: ValueSource }) => ({
    field: m.field,
    method: 'eq' as const,
    value: resolveValueSource(m.field, m.source, values),
  }));
  if (finder.condition) cond.push(finder.condition);
  const page = await exec.core.records.query(ctx, {
    filter: cond.length > 0 ? { rel: 'and', cond } : undefined,
    limit: 500,
    withTotal: false,
  });
  return page.items.map((r) => r.id);
}

async function updateOne(
  exec: NodeExecution,
  ctx: RecordContext,
  recordId: string,
  wanted: Record<string, unknown>,
): Promise<boolean> {
  const current = await exec.core.loadRecord(ctx.formId, recordId);
  if (!current) return false;
  const data = changedOnly(current, wanted);
  if (Object.keys(data).length === 0) return false;
  await exec.core.records.update(ctx, recordId, { baseVersion: current._version, data });
  return true;
}

export const createRecordHandler: FlowNodeHandler = {
  kind: 'create_record',
  execute: (execution) =>
    guarded(execution, nodeData<CreateRecordNodeData>(execution).formId, async () => {
      const exec = execution;
      const data = nodeData<CreateRecordNodeData>(exec);
      const values = resolveFieldMap(data.fieldMap, await valueContext(exec));
      const ctx = await exec.core.systemContext(data.formId, exec.instance.depth + 1);
      const created = await exec.core.records.create(ctx, values, { idempotencyKey: `flow:${exec.stepId}` });
      return {
        type: 'next',
        journal: {
          message: messageRef('flow.journal.recordCreated', { recordId: created.id }),
          data: { formId: data.formId, recordId: created.id },
        },
      };
    }),
};

async function targets(
  exec: NodeExecution,
  target: UpdateRecordsNodeData['target'],
  values: ValueSourceContext,
): Promise<{ ctx: RecordContext; ids: string[] } | null> {
  if (target.type === 'trigger') {
    if (!exec.instance.formId || !exec.instance.recordId) return null;
    return {
      ctx: await exec.core.systemContext(exec.instance.formId, exec.instance.depth + 1),
      ids: [exec.instance.recordId],
    };
  }
  const ctx = await exec.core.systemContext(target.formId, exec.instance.depth + 1);
  return { ctx, ids: await findRecords(exec, ctx, target, values) };
}

export const updateRecordsHandler: FlowNodeHandler = {
  kind: 'update_records',
  execute: (execution) =>
    guarded(execution, targetFormId(execution, nodeData<UpdateRecordsNodeData>(execution).target), async () => {
      const exec = execution;
      const data = nodeData<UpdateRecordsNodeData>(exec);
      const values = await valueContext(exec);
      const found = await targets(exec, data.target, values);
      if (!found) return { type: 'next', journal: { message: messageRef('flow.journal.noRecordToUpdate') } };
      const wanted = resolveFieldMap(data.fieldMap, values);
      let updated = 0;
      for (const id of found.ids) if (await updateOne(exec, found.ctx, id, wanted)) updated += 1;
      return {
        type: 'next',
        journal: {
          message: messageRef('flow.journal.recordsUpdated', { count: updated }),
          data: { formId: found.ctx.formId, ids: found.ids },
        },
      };
    }),
};

export const upsertRecordHandler: FlowNodeHandler = {
  kind: 'upsert_record',
  execute: (execution) =>
    guarded(execution, nodeData<UpsertRecordNodeData>(execution).finder.formId, async () => {
      const exec = execution;
      const data = nodeData<UpsertRecordNodeData>(exec);
      const values = await valueContext(exec);
      const ctx = await exec.core.systemContext(data.finder.formId, exec.instance.depth + 1);
      const wanted = resolveFieldMap(data.fieldMap, values);
      const [existing] = await findRecords(exec, ctx, data.finder, values);
      if (existing) {
        await updateOne(exec, ctx, existing, wanted);
        return {
          type: 'next',
          journal: {
            message: messageRef('flow.journal.recordUpdated', { recordId: existing }),
            data: { recordId: existing },
          },
        };
      }
      const created = await exec.core.records.create(ctx, wanted, { idempotencyKey: `flow:${exec.stepId}` });
      return {
        type: 'next',
        journal: {
          message: messageRef('flow.journal.recordCreated', { recordId: created.id }),
          data: { recordId: created.id },
        },
      };
    }),
};

export const deleteRecordsHandler: FlowNodeHandler = {
  kind: 'delete_records',
  execute: (execution) =>
    guarded(execution, targetFormId(execution, nodeData<DeleteRecordsNodeData>(execution).target), async () => {
      const exec = execution;
      const data = nodeData<DeleteRecordsNodeData>(exec);
      const found = await targets(exec, data.target, await valueContext(exec));
      if (!found) return { type: 'next', journal: { message: messageRef('flow.journal.noRecordToDelete') } };
      let deleted = 0;
      for (const id of found.ids) {
        try {
          await exec.core.records.remove(found.ctx, id);
          deleted += 1;
        } catch (e) {
          if (!isFormloomError(e) || e.code !== 'NOT_FOUND') throw e;
        }
      }
      return {
        type: 'next',
        journal: { message: messageRef('flow.journal.recordsDeleted', { count: deleted }), data: { ids: found.ids } },
      };
    }),
};
