import type { Assignees, FieldPermission, FlowMode, ValueSource } from '@formloom/model';

/** boundary: start, trigger, end · human: tasks for people · control: routing · action: does something. */
export type FlowNodeCategory = 'boundary' | 'human' | 'control' | 'action';

/** Which form a reference is about: the flow's own record (`subject`) or a given form. */
export type FormRef = { subject: true } | { formId: string };

/**
 * What a node's data refers to, so validation and the linter can check every kind (plugin kinds
 * too) the same way. Paths are relative to the node's `data` (`assignees`, `fieldMap.f_total`).
 */
export interface NodeReferences {
  /** Who gets tasks or messages. */
  assignees?: Array<{ path: string; assignees: Assignees }>;
  /** Field permissions: keys must be fields of the flow's form. */
  fieldPermissions?: Array<{ path: string; permissions: Record<string, FieldPermission> }>;
  /** Fields of a form: the flow's record (subject) or another form. `kinds` limits the allowed field kinds. */
  fields?: Array<{ path: string; form: FormRef; field: string; kinds?: readonly string[] }>;
  /** Conditions in the condition language over a form's fields. */
  conditions?: Array<{ path: string; form: FormRef; condition: unknown }>;
  /** Value sources; `field` and `formula` read the flow's record. */
  valueSources?: Array<{ path: string; source: ValueSource }>;
  /** Flows that must exist (published), e.g. a subflow. */
  flows?: Array<{ path: string; flowId: string }>;
  /** Forms that must exist (published). */
  forms?: Array<{ path: string; formId: string }>;
  /** Nodes of this flow a node sends tokens back to (reject to …): must exist and come earlier. */
  earlierNodes?: Array<{ path: string; nodeId: string }>;
}

/**
 * The definition side of a node kind: how its data looks, where it may sit in a graph, what it
 * refers to, and its i18n label keys. The execution side (a handler) lives in the runtime; a
 * plugin registers both through `registerFlowNodeKind`.
 */
export interface FlowNodeKindDefinition {
  /** The React Flow node `type`. */
  kind: string;
  category: FlowNodeCategory;
  /** The flow modes the kind may appear in (automations have no human nodes). */
  modes: readonly FlowMode[];
  /** JSON schema (draft-07) of `node.data`. */
  dataSchema: Record<string, unknown>;
  /** Edge limits: `maxIn: 0` = nothing may point into it, `maxOut: 0` = nothing leaves it. */
  connections: { maxIn?: number; maxOut?: number };
  /** i18n keys of the palette label and description. */
  labelKey: string;
  descriptionKey: string;
  /** What the node's data refers to (for validation and linting). */
  references?(data: Record<string, unknown>): NodeReferences;
}
