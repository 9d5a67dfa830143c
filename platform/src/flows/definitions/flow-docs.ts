import type { Doc, FlowDefinition, FlowMode, FlowTrigger } from '@formloom/model';

export const FLOWS = 'flows';
export const FLOW_VERSIONS = 'flow_versions';
/** One document per form naming the one enabled process flow bound to it (`_id` = formId). */
export const FLOW_FORM_BINDINGS = 'flow_form_bindings';

/** What the latest published version of a flow is about, kept on the flow for the catalog's queries. */
export interface FlowBinding {
  mode: FlowMode;
  /** process: the bound form; automation: the trigger's form (none for schedules). */
  formId: string | null;
  triggerType: FlowTrigger['type'] | null;
}

/** A flow of an app: its draft (revisioned), its latest published version number and whether it runs. */
export interface FlowDoc extends Doc {
  appId: string;
  name: string;
  description: string;
  draft: FlowDefinition;
  draftRevision: number;
  publishedVersion: number | null;
  /** Binding of the latest published version (null before the first publish). */
  published: FlowBinding | null;
  /** Disabled flows start no new instances; running ones go on. */
  enabled: boolean;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}

/** An immutable published version (`_id` = `flowId:version`). */
export interface FlowVersionDoc extends Doc {
  flowId: string;
  appId: string;
  name: string;
  version: number;
  definition: FlowDefinition;
  publishedAt: string;
  publishedBy: string | null;
}

export interface FlowFormBindingDoc extends Doc {
  flowId: string;
}

export function flowVersionId(flowId: string, version: number): string {
  return `${flowId}:${version}`;
}
