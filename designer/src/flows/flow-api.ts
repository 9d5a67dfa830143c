import type { FlowDefinition, FlowMode } from '@formloom/model';
import type { DryRunResult, FlowLintProblem } from '@formloom/engine/flows/definitions';
import { api } from '../api/http.js';

/** The shapes of platform/src/flows/definitions/flow-schemas.ts the flow editor reads. */
export interface FlowSummary {
  id: string;
  appId: string;
  name: string;
  description: string;
  mode: FlowMode;
  formId: string | null;
  draftRevision: number;
  publishedVersion: number | null;
  published: { mode: FlowMode; formId: string | null; triggerType: string | null } | null;
  enabled: boolean;
  updatedAt: string;
}

export interface FlowDocument extends FlowSummary {
  draft: FlowDefinition;
}

export interface FlowVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  runningInstances: number;
}

export interface PublishedFlow {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  publishedAt: string;
}

/** A node kind as GET /api/flow-node-kinds lists it (built-ins and plugins). */
export interface NodeKindInfo {
  kind: string;
  category: string;
  modes: FlowMode[];
  connections: { maxIn?: number; maxOut?: number };
  labelKey: string;
  descriptionKey: string;
  dataSchema: Record<string, unknown>;
}

export interface RecordRow {
  id: string;
  createdAt: string;
  data: Record<string, unknown>;
}

export type DryRunInput = { recordId: string } | { data: Record<string, unknown> };

const enc = encodeURIComponent;

/** Every flow API call of the designer. */
export const flowApi = {
  nodeKinds: async () => (await api<{ items: NodeKindInfo[] }>('GET', '/api/flow-node-kinds')).items,
  list: async (appId: string) => (await api<{ items: FlowSummary[] }>('GET', `/api/apps/${enc(appId)}/flows`)).items,
  create: (appId: string, body: { name: string; mode: FlowMode; formId?: string }) =>
    api<FlowDocument>('POST', `/api/apps/${enc(appId)}/flows`, body),
  get: (flowId: string) => api<FlowDocument>('GET', `/api/flows/${enc(flowId)}`),
  rename: (flowId: string, name: string) => api<FlowDocument>('PATCH', `/api/flows/${enc(flowId)}`, { name }),
  remove: (flowId: string) => api<{ ok: true }>('DELETE', `/api/flows/${enc(flowId)}`),
  saveDraft: (flowId: string, definition: FlowDefinition, baseRevision: number) =>
    api<FlowDocument>('PUT', `/api/flows/${enc(flowId)}/draft`, { definition, baseRevision }),
  publish: (flowId: string, baseRevision: number) =>
    api<PublishedFlow>('POST', `/api/flows/${enc(flowId)}/publish`, { baseRevision }),
  setEnabled: (flowId: string, enabled: boolean) =>
    api<FlowDocument>('PUT', `/api/flows/${enc(flowId)}/enabled`, { enabled }),
  lint: (flowId: string, definition: FlowDefinition) =>
    api<{ problems: FlowLintProblem[]; hasErrors: boolean }>('POST', `/api/flows/${enc(flowId)}/lint`, { definition }),
  versions: async (flowId: string) =>
    (await api<{ items: FlowVersionSummary[] }>('GET', `/api/flows/${enc(flowId)}/versions`)).items,
  version: (flowId: string, version: number) =>
    api<PublishedFlow>('GET', `/api/flows/${enc(flowId)}/versions/${version}`),
  dryRun: (flowId: string, definition: FlowDefinition, input: DryRunInput) =>
    api<DryRunResult>('POST', `/api/flows/${enc(flowId)}/dry-run`, { definition, ...input }),
  departments: () => api<Array<{ id: string; name: string }>>('GET', '/api/directory/departments'),
  records: async (formId: string, keyword: string) =>
    (
      await api<{ items: RecordRow[] }>('POST', `/api/forms/${enc(formId)}/records/query`, {
        limit: 50,
        ...(keyword ? { keyword } : {}),
        sort: [{ field: 'createdAt', dir: 'desc' }],
      })
    ).items,
};
