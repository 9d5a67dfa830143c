import { fieldValuesOf, type StoredRecord } from './record-values.js';
import type { AssigneeContext } from '../assignees/resolve-assignees.js';
import type { FlowInstanceDoc } from './flow-runtime.types.js';
import type { RuntimeCore } from './runtime-core.js';

/** What assignee resolution needs, for one instance and its record. */
export async function assigneeContext(
  core: RuntimeCore,
  instance: Pick<FlowInstanceDoc, 'initiatorId' | 'formId'>,
  record: StoredRecord | null,
): Promise<AssigneeContext> {
  const form = instance.formId ? await core.formOf(instance.formId) : null;
  const values = record ? fieldValuesOf(record) : null;
  return {
    org: core.org,
    initiatorId: instance.initiatorId,
    record: values,
    fieldKind: (field) => form?.definition.fields[field]?.kind,
    openTaskCounts: (userIds) => core.openTaskCounts(userIds),
    nextTurn: (key, count) => core.nextTurn(key, count),
  };
}
