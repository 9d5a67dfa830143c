import type {
  Assignees,
  CreateRecordNodeData,
  DelayNodeData,
  DeleteRecordsNodeData,
  FieldPermission,
  FlowMode,
  RecordFinder,
  SubflowNodeData,
  TaskDeadline,
  TriggerNodeData,
  UpdateRecordsNodeData,
  UpsertRecordNodeData,
  ValueSource,
} from '@formloom/model';
import type { FlowNodeCategory, FlowNodeKindDefinition, FormRef, NodeReferences } from './node-kind-definition.js';
import { builtinDataSchemas } from './node-data-schemas.js';

const BOTH: readonly FlowMode[] = ['process', 'automation'];
const SUBJECT: FormRef = { subject: true };
const DATE_KINDS = ['date', 'datetime'] as const;
const LINK_KINDS = ['link', 'select_data'] as const;

type Data = Record<string, unknown>;

function define(
  kind: string,
  category: FlowNodeCategory,
  modes: readonly FlowMode[],
  connections: FlowNodeKindDefinition['connections'],
  references?: (data: Data) => NodeReferences,
): FlowNodeKindDefinition {
  return {
    kind,
    category,
    modes,
    dataSchema: builtinDataSchemas[kind],
    connections,
    labelKey: `flow.node.${kind}.label`,
    descriptionKey: `flow.node.${kind}.description`,
    references,
  };
}

function humanReferences(data: Data): NodeReferences {
  const refs: NodeReferences = { assignees: [], fieldPermissions: [], earlierNodes: [] };
  if (data.assignees) refs.assignees?.push({ path: 'assignees', assignees: data.assignees as Assignees });
  const escalateTo = (data.deadline as TaskDeadline | undefined)?.escalateTo;
  if (escalateTo) refs.assignees?.push({ path: 'deadline.escalateTo', assignees: escalateTo });
  if (data.fieldPermissions)
    refs.fieldPermissions?.push({
      path: 'fieldPermissions',
      permissions: data.fieldPermissions as Record<string, FieldPermission>,
    });
  const rejectTo = data.rejectTo as { type: string; nodeId?: string } | undefined;
  if (rejectTo?.type === 'node' && rejectTo.nodeId)
    refs.earlierNodes?.push({ path: 'rejectTo.nodeId', nodeId: rejectTo.nodeId });
  return refs;
}

function fieldMapReferences(fieldMap: Record<string, ValueSource>, form: FormRef, path: string, refs: NodeReferences) {
  for (const [field, source] of Object.entries(fieldMap)) {
    refs.fields?.push({ path: `${path}.${field}`, form, field });
    refs.valueSources?.push({ path: `${path}.${field}`, source });
  }
}

function finderReferences(finder: RecordFinder, path: string, refs: NodeReferences) {
  const form: FormRef = { formId: finder.formId };
  refs.forms?.push({ path: `${path}.formId`, formId: finder.formId });
  finder.match?.forEach((m, i) => {
    refs.fields?.push({ path: `${path}.match.${i}.field`, form, field: m.field });
    refs.valueSources?.push({ path: `${path}.match.${i}.source`, source: m.source });
  });
  if (finder.condition) refs.conditions?.push({ path: `${path}.condition`, form, condition: finder.condition });
}

const empty = (): NodeReferences => ({ fields: [], conditions: [], valueSources: [], forms: [] });

function targetReferences(target: UpdateRecordsNodeData['target'], refs: NodeReferences): FormRef {
  if (target.type === 'find') {
    finderReferences(target, 'target', refs);
    return { formId: target.formId };
  }
  return SUBJECT;
}

/** The node kinds Formloom ships, in palette order. */
export const builtinNodeKinds: FlowNodeKindDefinition[] = [
  define('start', 'boundary', ['process'], { maxIn: 0, maxOut: 1 }, (data) => ({
    fieldPermissions: data.fieldPermissions
      ? [{ path: 'fieldPermissions', permissions: data.fieldPermissions as Record<string, FieldPermission> }]
      : [],
  })),
  define('trigger', 'boundary', ['automation'], { maxIn: 0, maxOut: 1 }, (data) => {
    const trigger = (data as unknown as TriggerNodeData).trigger;
    const refs = empty();
    if (trigger.type === 'schedule') return refs;
    refs.forms?.push({ path: 'trigger.formId', formId: trigger.formId });
    const form: FormRef = { formId: trigger.formId };
    if ((trigger.type === 'record_created' || trigger.type === 'record_updated') && trigger.condition)
      refs.conditions?.push({ path: 'trigger.condition', form, condition: trigger.condition });
    if (trigger.type === 'record_updated')
      trigger.fields?.forEach((field, i) => refs.fields?.push({ path: `trigger.fields.${i}`, form, field }));
    return refs;
  }),
  define('approval', 'human', ['process'], { maxOut: 1 }, humanReferences),
  define('handle', 'human', ['process'], { maxOut: 1 }, humanReferences),
  define('cc', 'human', ['process'], { maxOut: 1 }, humanReferences),
  define('condition', 'control', BOTH, {}),
  define('parallel', 'control', BOTH, { maxIn: 1 }),
  define('join', 'control', BOTH, { maxOut: 1 }),
  define('create_record', 'action', BOTH, { maxOut: 1 }, (data) => {
    const d = data as unknown as CreateRecordNodeData;
    const refs = empty();
    refs.forms?.push({ path: 'formId', formId: d.formId });
    fieldMapReferences(d.fieldMap, { formId: d.formId }, 'fieldMap', refs);
    return refs;
  }),
  define('update_records', 'action', BOTH, { maxOut: 1 }, (data) => {
    const d = data as unknown as UpdateRecordsNodeData;
    const refs = empty();
    fieldMapReferences(d.fieldMap, targetReferences(d.target, refs), 'fieldMap', refs);
    return refs;
  }),
  define('upsert_record', 'action', BOTH, { maxOut: 1 }, (data) => {
    const d = data as unknown as UpsertRecordNodeData;
    const refs = empty();
    finderReferences(d.finder, 'finder', refs);
    fieldMapReferences(d.fieldMap, { formId: d.finder.formId }, 'fieldMap', refs);
    return refs;
  }),
  define('delete_records', 'action', BOTH, { maxOut: 1 }, (data) => {
    const refs = empty();
    targetReferences((data as unknown as DeleteRecordsNodeData).target, refs);
    return refs;
  }),
  define('notify', 'action', BOTH, { maxOut: 1 }, (data) => ({
    assignees: [{ path: 'recipients', assignees: data.recipients as Assignees }],
  })),
  define('webhook', 'action', BOTH, { maxOut: 1 }),
  define('delay', 'control', BOTH, { maxOut: 1 }, (data) => {
    const d = data as unknown as DelayNodeData;
    return d.untilField
      ? { fields: [{ path: 'untilField', form: SUBJECT, field: d.untilField, kinds: DATE_KINDS }] }
      : {};
  }),
  define('subflow', 'action', BOTH, { maxOut: 1 }, (data) => {
    const d = data as unknown as SubflowNodeData;
    const refs: NodeReferences = { ...empty(), flows: [{ path: 'flowId', flowId: d.flowId }] };
    if (d.record.type === 'link')
      refs.fields?.push({ path: 'record.field', form: SUBJECT, field: d.record.field, kinds: LINK_KINDS });
    else {
      refs.forms?.push({ path: 'record.formId', formId: d.record.formId });
      fieldMapReferences(d.record.fieldMap, { formId: d.record.formId }, 'record.fieldMap', refs);
    }
    return refs;
  }),
  define('end', 'boundary', BOTH, { maxOut: 0 }),
];
