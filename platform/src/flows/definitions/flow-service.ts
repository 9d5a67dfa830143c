import {
  conflict,
  FormloomError,
  isDuplicateKeyError,
  notFound,
  validationFailed,
  type DocumentStore,
  type ErrorDetail,
  type FlowDefinition,
  type FlowMode,
  type FormDefinition,
  type Principal,
  type TriggerNodeData,
} from '@formloom/model';
import {
  hasLintErrors,
  lintFlow,
  newId,
  referencedFormIds,
  subjectFormId,
  validateFlowDefinition,
  type FlowLintProblem,
  type PublishedFlow,
} from '@formloom/engine';
import { requireAppManager } from '../../apps/app-access.js';
import type { AppRegistry } from '../../apps/app-registry.js';
import type { AppDoc } from '../../apps/app.types.js';
import { unstorableKeys } from '../../apps/storable-keys.js';
import {
  FLOW_VERSIONS,
  FLOWS,
  flowVersionId,
  type FlowBinding,
  type FlowDoc,
  type FlowVersionDoc,
} from './flow-docs.js';
import { FormBindings } from './form-bindings.js';
import { orgLookupFor } from './org-lookup.js';
import { StoreFlowCatalog, toPublishedFlow } from './store-flow-catalog.js';

/** F3's instances collection; versions count their running instances there. */
const FLOW_INSTANCES = 'flow_instances';

export interface FlowInput {
  name: string;
  description?: string;
  mode: FlowMode;
  /** process: the bound form (required unless `definition` names it). */
  formId?: string;
  definition?: FlowDefinition;
}

export interface FlowVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  /** Instances still running on this version. */
  runningInstances: number;
}

/** What a new flow starts from: start → end (process) or a record-created trigger → end (automation). */
export function starterDefinition(mode: FlowMode, formId?: string): FlowDefinition {
  const end = {
    id: 'end',
    type: 'end',
    position: { x: 0, y: 240 },
    data: { result: mode === 'process' ? 'approved' : 'ended' },
  };
  if (mode === 'process')
    return {
      mode,
      formId,
      nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }, end],
      edges: [{ id: 'start-end', source: 'start', target: 'end' }],
    };
  return {
    mode,
    nodes: [
      {
        id: 'trigger',
        type: 'trigger',
        position: { x: 0, y: 0 },
        data: formId
          ? { trigger: { type: 'record_created', formId } }
          : { trigger: { type: 'schedule', cron: '0 8 * * 1' } },
      },
      end,
    ],
    edges: [{ id: 'trigger-end', source: 'trigger', target: 'end' }],
  };
}

/**
 * Flows of an app, edited by its managers: drafts with optimistic concurrency by revision,
 * publishing (validation + lint, refused with the problems) into immutable numbered versions,
 * enable/disable, recycle bin. A draft is saved whenever its shape is valid (a half-drawn flow
 * may be saved); everything else is checked on publish.
 */
export class FlowService {
  private readonly bindings: FormBindings;

  constructor(
    private readonly store: DocumentStore,
    private readonly registry: AppRegistry,
    readonly catalog: StoreFlowCatalog,
  ) {
    this.bindings = new FormBindings(store);
  }

  private get flows() {
    return this.store.collection<FlowDoc>(FLOWS);
  }

  async ensureIndexes(): Promise<void> {
    await this.flows.createIndex({ keys: { appId: 1, createdAt: 1 } });
    await this.flows.createIndex({ keys: { 'published.formId': 1 } });
    await this.store.collection(FLOW_VERSIONS).createIndex({ keys: { flowId: 1, version: -1 } });
  }

  private async managedApp(principal: Principal, appId: string): Promise<AppDoc> {
    const app = await this.registry.apps.get(principal, appId);
    requireAppManager(principal, app);
    return app;
  }

  /** A live flow of an app the principal manages (404 for strangers, 403 for members). */
  async get(principal: Principal, flowId: string): Promise<FlowDoc> {
    const flow = await this.flows.findOne({ _id: flowId });
    if (flow === null || flow.deletedAt !== null) throw notFound(`Flow ${flowId}`);
    await this.managedApp(principal, flow.appId);
    return flow;
  }

  async list(principal: Principal, appId: string): Promise<FlowDoc[]> {
    await this.managedApp(principal, appId);
    return this.flows.find({ appId, deletedAt: null }, { sort: { createdAt: 1 } });
  }

  async create(principal: Principal, appId: string, input: FlowInput): Promise<FlowDoc> {
    await this.managedApp(principal, appId);
    const definition = input.definition ?? starterDefinition(input.mode, input.formId);
    checkShape(definition);
    if (definition.mode !== input.mode)
      throw validationFailed([
        { path: 'definition.mode', rule: 'mismatch', message: `The definition is not a ${input.mode} flow` },
      ]);
    const now = new Date().toISOString();
    const flow: FlowDoc = {
      _id: newId(),
      appId,
      name: input.name.trim(),
      description: input.description ?? '',
      draft: definition,
      draftRevision: 1,
      publishedVersion: null,
      published: null,
      enabled: true,
      createdAt: now,
      createdBy: principal.userId,
      updatedAt: now,
      updatedBy: principal.userId,
      deletedAt: null,
      deletedBy: null,
    };
    await this.flows.insertOne(flow);
    return flow;
  }

  async rename(principal: Principal, flowId: string, patch: { name?: string; description?: string }): Promise<FlowDoc> {
    await this.get(principal, flowId);
    const set: Record<string, unknown> = { updatedAt: new Date().toISOString(), updatedBy: principal.userId };
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.description !== undefined) set.description = patch.description;
    return this.write(flowId, { deletedAt: null }, { $set: set });
  }

  /** Saves the draft when `baseRevision` is the current revision; 409 with the current revision otherwise. */
  async saveDraft(
    principal: Principal,
    flowId: string,
    definition: FlowDefinition,
    baseRevision: number,
  ): Promise<FlowDoc> {
    await this.get(principal, flowId);
    checkShape(definition);
    const updated = await this.flows.findOneAndUpdate(
      { _id: flowId, deletedAt: null, draftRevision: baseRevision },
      {
        $set: { draft: definition, updatedAt: new Date().toISOString(), updatedBy: principal.userId },
        $inc: { draftRevision: 1 },
      },
    );
    if (updated !== null) return updated;
    const current = await this.flows.findOne({ _id: flowId });
    if (current === null || current.deletedAt !== null) throw notFound(`Flow ${flowId}`);
    throw conflict(
      `The flow was changed by someone else (revision ${current.draftRevision}, yours was based on ${baseRevision}); reload it and apply your changes again`,
      [{ path: 'baseRevision', rule: 'staleRevision', message: `The current revision is ${current.draftRevision}` }],
      { currentRevision: current.draftRevision },
    );
  }

  /** The linter's problems for `definition` (default: the saved draft), with this app's forms and the org. */
  async lint(principal: Principal, flowId: string, definition?: FlowDefinition): Promise<FlowLintProblem[]> {
    const flow = await this.get(principal, flowId);
    return this.problemsOf(flow.appId, definition ?? flow.draft);
  }

  private async problemsOf(appId: string, definition: unknown): Promise<FlowLintProblem[]> {
    if (validateFlowDefinition(definition).length) return lintFlow(definition);
    const def = definition as FlowDefinition;
    const forms = await this.formsOf(appId, def);
    const org = await orgLookupFor(this.store, def);
    const published = await this.flows.find(
      { appId, deletedAt: null, publishedVersion: { $ne: null } },
      { projection: { _id: 1 } },
    );
    const flows = new Set(published.map((f) => f._id));
    return lintFlow(def, { forms: (id) => forms.get(id), flows: (id) => flows.has(id), org });
  }

  /** The latest published definitions of the forms `def` refers to, when they belong to the same app. */
  private async formsOf(appId: string, def: FlowDefinition): Promise<Map<string, FormDefinition>> {
    const forms = new Map<string, FormDefinition>();
    for (const formId of referencedFormIds(def)) {
      const published = await this.registry.catalog.getPublished(formId);
      if (published !== null && published.appId === appId) forms.set(formId, published.definition);
    }
    return forms;
  }

  /**
   * Publishes the draft as version N+1 after validation and lint; refuses (400) listing every
   * error-level problem in `details` (path, rule = the lint code) and whole in `problems`. An
   * enabled process flow claims its form (409 when another enabled process flow has it).
   */
  async publish(principal: Principal, flowId: string, baseRevision?: number): Promise<PublishedFlow> {
    const flow = await this.get(principal, flowId);
    if (baseRevision !== undefined && baseRevision !== flow.draftRevision)
      throw conflict(`The flow changed since you loaded it (revision ${flow.draftRevision})`, [
        { path: 'baseRevision', rule: 'staleRevision', message: `The current revision is ${flow.draftRevision}` },
      ]);
    const problems = await this.problemsOf(flow.appId, flow.draft);
    if (hasLintErrors(problems)) throw refusedForProblems(problems);

    const binding = bindingOf(flow.draft);
    if (flow.enabled && binding.mode === 'process' && binding.formId) await this.bindings.claim(binding.formId, flowId);
    const previous = flow.publishedVersion;
    const version = (previous ?? 0) + 1;
    const doc: FlowVersionDoc = {
      _id: flowVersionId(flowId, version),
      flowId,
      appId: flow.appId,
      name: flow.name,
      version,
      definition: flow.draft,
      publishedAt: new Date().toISOString(),
      publishedBy: principal.userId,
    };
    try {
      await this.store.transaction(async (tx) => {
        await tx.collection<FlowVersionDoc>(FLOW_VERSIONS).insertOne(doc);
        const moved = await tx.collection<FlowDoc>(FLOWS).updateOne(
          { _id: flowId, publishedVersion: previous, deletedAt: null },
          {
            $set: {
              publishedVersion: version,
              published: binding,
              updatedAt: doc.publishedAt,
              updatedBy: principal.userId,
            },
          },
        );
        if (moved.matchedCount === 0) throw publishedConcurrently(flowId);
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw publishedConcurrently(flowId);
      throw error;
    }
    const before = flow.published;
    if (before?.mode === 'process' && before.formId && before.formId !== binding.formId)
      await this.bindings.release(before.formId, flowId);
    this.catalog.changed(flowId);
    return toPublishedFlow(doc);
  }

  async listVersions(principal: Principal, flowId: string): Promise<FlowVersionSummary[]> {
    await this.get(principal, flowId);
    const versions = await this.store
      .collection<FlowVersionDoc>(FLOW_VERSIONS)
      .find({ flowId }, { sort: { version: -1 }, projection: { version: 1, publishedAt: 1, publishedBy: 1 } });
    const instances = this.store.collection(FLOW_INSTANCES);
    return Promise.all(
      versions.map(async ({ version, publishedAt, publishedBy }) => ({
        version,
        publishedAt,
        publishedBy,
        runningInstances: await instances.countDocuments({ flowId, version, status: 'running' }),
      })),
    );
  }

  async getVersion(principal: Principal, flowId: string, version: number): Promise<PublishedFlow> {
    await this.get(principal, flowId);
    const found = await this.catalog.get(flowId, version);
    if (found === null) throw notFound(`Version ${version} of flow ${flowId}`);
    return found;
  }

  /** Enables (a published process flow claims its form) or disables (running instances go on) a flow. */
  async setEnabled(principal: Principal, flowId: string, enabled: boolean): Promise<FlowDoc> {
    const flow = await this.get(principal, flowId);
    const form = flow.published?.mode === 'process' ? flow.published.formId : null;
    if (enabled && form) await this.bindings.claim(form, flowId);
    const updated = await this.write(
      flowId,
      { deletedAt: null },
      { $set: { enabled, updatedAt: new Date().toISOString(), updatedBy: principal.userId } },
    );
    if (!enabled && form) await this.bindings.release(form, flowId);
    this.catalog.changed(flowId);
    return updated;
  }

  /** Moves the flow to the recycle bin: it starts nothing new; running instances go on. */
  async remove(principal: Principal, flowId: string): Promise<void> {
    const flow = await this.get(principal, flowId);
    await this.write(
      flowId,
      { deletedAt: null },
      { $set: { deletedAt: new Date().toISOString(), deletedBy: principal.userId } },
    );
    if (flow.published?.mode === 'process' && flow.published.formId)
      await this.bindings.release(flow.published.formId, flowId);
    this.catalog.changed(flowId);
  }

  /** Restores a flow from the recycle bin, disabled (enable it again deliberately). */
  async restore(principal: Principal, flowId: string): Promise<FlowDoc> {
    const flow = await this.flows.findOne({ _id: flowId });
    if (flow === null || flow.deletedAt === null) throw notFound(`Flow ${flowId} in the recycle bin`);
    await this.managedApp(principal, flow.appId);
    const restored = await this.write(
      flowId,
      {},
      { $set: { deletedAt: null, deletedBy: null, enabled: false, updatedAt: new Date().toISOString() } },
    );
    this.catalog.changed(flowId);
    return restored;
  }

  private async write(flowId: string, condition: Record<string, unknown>, update: Record<string, unknown>) {
    const updated = await this.flows.findOneAndUpdate({ _id: flowId, ...condition }, update);
    if (updated === null) throw notFound(`Flow ${flowId}`);
    return updated;
  }
}

/** The binding of a definition: mode, its form, and the trigger type of an automation. */
export function bindingOf(def: FlowDefinition): FlowBinding {
  const trigger = (def.nodes.find((n) => n.type === 'trigger')?.data as TriggerNodeData | undefined)?.trigger;
  return {
    mode: def.mode,
    formId: subjectFormId(def) ?? null,
    triggerType: def.mode === 'automation' ? (trigger?.type ?? null) : null,
  };
}

/**
 * What every saved draft must be: a flow document (meta-schema, known kinds, unique ids, edges
 * between existing nodes) with keys both stores can hold. Node settings may still be incomplete;
 * publishing checks them.
 */
function checkShape(definition: unknown): void {
  const problems: ErrorDetail[] = validateFlowDefinition(definition)
    .filter((d) => !/^(nodes|edges)\.\d+\.data/.test(d.path))
    .map((d) => ({ ...d, path: `definition.${d.path}` }));
  problems.push(...unstorableKeys(definition, 'definition'));
  if (problems.length) throw validationFailed(problems, 'The flow definition is not valid');
}

function refusedForProblems(problems: FlowLintProblem[]): FormloomError {
  const errors = problems.filter((p) => p.severity === 'error');
  const details: ErrorDetail[] = errors.map((p) => ({
    path: p.path ?? (p.nodeId ? `nodes.${p.nodeId}` : p.edgeId ? `edges.${p.edgeId}` : 'definition'),
    rule: p.code === 'invalid' ? String(p.params.rule) : p.code,
    message: p.message,
  }));
  return new FormloomError(
    'VALIDATION_FAILED',
    `The flow cannot be published: ${errors.length} problem(s) to fix first`,
    details,
    { problems },
  );
}

function publishedConcurrently(flowId: string) {
  return conflict(`Flow ${flowId} was published by someone else at the same time; reload and publish again`);
}
