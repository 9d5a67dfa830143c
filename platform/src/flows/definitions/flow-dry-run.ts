import {
  SYSTEM_FIELDS,
  type ConditionContext,
  type FlowDefinition,
  type Principal,
  type RecordView,
} from '@formloom/model';
import {
  dryRunFlow,
  fieldCatalogue,
  subjectFormId,
  type DryRunResult,
  type FieldCatalogue,
  type OrgDirectory,
} from '@formloom/engine';
import type { AppRegistry } from '../../apps/app-registry.js';
import type { FlowService } from './flow-service.js';

export interface DryRunInput {
  /** The definition to walk (default: the saved draft). */
  definition?: FlowDefinition;
  /** An existing record of the flow's form … */
  recordId?: string;
  /** … or sample field values. */
  data?: Record<string, unknown>;
  /** Who starts it (default: the record's creator, else the caller). */
  initiatorId?: string;
}

/**
 * Dry runs for the designer: walks a flow for an existing or sample record with the real
 * organisation and writes nothing. Managers only (through FlowService.get). Open task counts
 * are taken as zero (least-busy rules show the group's first member) and round robins take no turn.
 */
export class FlowDryRun {
  constructor(
    private readonly flows: FlowService,
    private readonly registry: AppRegistry,
    private readonly org: OrgDirectory,
  ) {}

  async run(principal: Principal, flowId: string, input: DryRunInput): Promise<DryRunResult> {
    const flow = await this.flows.get(principal, flowId);
    const definition = input.definition ?? flow.draft;
    const formId = subjectFormId(definition);
    const published = formId ? await this.registry.catalog.getPublished(formId) : null;
    const form = published && published.appId === flow.appId ? published.definition : null;
    const fields: FieldCatalogue = form ? fieldCatalogue(form) : new Map();

    let record: Record<string, unknown> = { ...(input.data ?? {}) };
    let creator: string | null = null;
    if (input.recordId && formId && form) {
      const context = await this.registry.formContext(principal, formId);
      const view = await this.registry.records.get(
        { principal, access: context.access, appId: context.app._id, formId },
        input.recordId,
      );
      record = storedShape(view);
      creator = view.createdBy;
    }
    const initiatorId = input.initiatorId ?? creator ?? principal.userId;
    const deptIds = initiatorId ? ((await this.org.mainDepartmentOf(initiatorId)) ?? null) : null;
    const conditions: ConditionContext = { userId: initiatorId, deptIds: deptIds ? [deptIds] : [], now: new Date() };
    const values = Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith('_')));
    return dryRunFlow({
      definition,
      record,
      conditions,
      fields,
      assignees: {
        org: this.org,
        initiatorId,
        record: values,
        fieldKind: (field) => form?.fields[field]?.kind,
        openTaskCounts: async (userIds) => new Map(userIds.map((id) => [id, 0])),
        nextTurn: async () => 0,
      },
    });
  }
}

/** A record view as the condition language reads it: field keys plus `_`-prefixed system fields. */
function storedShape(view: RecordView): Record<string, unknown> {
  const stored: Record<string, unknown> = { ...view.data };
  for (const [name, path] of Object.entries(SYSTEM_FIELDS)) stored[path] = view[name as keyof RecordView];
  return stored;
}
