import { Type, type Static } from '@fastify/type-provider-typebox';
import type { FlowDefinition } from '@formloom/model';
import { StoredId } from '../../apps/app-schemas.js';
import { Nullable } from '../../server/schemas.js';

/** Request and response schemas of the flow definition routes (OpenAPI is generated from these). */

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 2000 });
/** Any JSON object, kept whole in responses (never stripped by the serializer). */
const OpenObject = Type.Object({}, { additionalProperties: true });
const Mode = Type.Union([Type.Literal('process'), Type.Literal('automation')]);

/** Shape only: the engine's meta-schema and the node kinds' data schemas check the content. */
export const FlowDefinitionSchema = Type.Unsafe<FlowDefinition>(
  Type.Object(
    {
      mode: Mode,
      formId: Type.Optional(StoredId),
      nodes: Type.Array(OpenObject, { maxItems: 1000 }),
      edges: Type.Array(OpenObject, { maxItems: 2000 }),
    },
    { additionalProperties: false, description: 'A flow definition: React Flow {nodes, edges} with mode and formId' },
  ),
);

export const AppParams = Type.Object({ appId: StoredId });
export const FlowParams = Type.Object({ flowId: StoredId });
export const FlowVersionParams = Type.Object({ flowId: StoredId, version: Type.Integer({ minimum: 1 }) });

export const FlowCreateBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Description),
    mode: Mode,
    formId: Type.Optional(StoredId),
    definition: Type.Optional(FlowDefinitionSchema),
  },
  { additionalProperties: false },
);
export const FlowPatchBody = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(Description) },
  { additionalProperties: false },
);
export const FlowDraftBody = Type.Object(
  { definition: FlowDefinitionSchema, baseRevision: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const FlowLintBody = Type.Object(
  { definition: Type.Optional(FlowDefinitionSchema) },
  { additionalProperties: false },
);
export const FlowPublishBody = Type.Object(
  { baseRevision: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
export const FlowEnabledBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });

const Binding = Type.Object({
  mode: Mode,
  formId: Nullable(Type.String()),
  triggerType: Nullable(Type.String()),
});

export const FlowSchema = Type.Object({
  id: Type.String(),
  appId: Type.String(),
  name: Type.String(),
  description: Type.String(),
  mode: Mode,
  /** The draft's form (process) or trigger form (automation). */
  formId: Nullable(Type.String()),
  draft: FlowDefinitionSchema,
  draftRevision: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  /** What the latest published version is bound to. */
  published: Nullable(Binding),
  enabled: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.String()),
});
export type FlowView = Static<typeof FlowSchema>;

/** The list leaves the drafts out (they can be large); GET /api/flows/:flowId has it. */
export const FlowListSchema = Type.Object({ items: Type.Array(Type.Omit(FlowSchema, ['draft'])) });

export const LintProblemSchema = Type.Object({
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String({ description: 'Stable code, e.g. condition.default' }),
  nodeId: Type.Optional(Type.String()),
  edgeId: Type.Optional(Type.String()),
  path: Type.Optional(Type.String()),
  message: Type.String(),
  i18nKey: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});
export const LintResultSchema = Type.Object({
  problems: Type.Array(LintProblemSchema),
  /** Whether publishing would be refused. */
  hasErrors: Type.Boolean(),
});

export const PublishedFlowSchema = Type.Object({
  flowId: Type.String(),
  appId: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  definition: FlowDefinitionSchema,
  publishedAt: Type.String(),
});

export const FlowVersionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: Type.String(),
      publishedBy: Nullable(Type.String()),
      runningInstances: Type.Integer({ description: 'Instances still running on this version' }),
    }),
  ),
});

export const NodeKindListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.String(),
      category: Type.String(),
      modes: Type.Array(Mode),
      connections: Type.Object({ maxIn: Type.Optional(Type.Integer()), maxOut: Type.Optional(Type.Integer()) }),
      labelKey: Type.String(),
      descriptionKey: Type.String(),
      dataSchema: OpenObject,
    }),
  ),
});

export const DryRunBody = Type.Object(
  {
    definition: Type.Optional(FlowDefinitionSchema),
    recordId: Type.Optional(StoredId),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 500 })),
    initiatorId: Type.Optional(StoredId),
  },
  { additionalProperties: false },
);

export const DryRunResultSchema = Type.Object({
  steps: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      kind: Type.String(),
      category: Nullable(Type.String()),
      /** Who would get the tasks or messages: `resolution` is {outcome: assigned, userIds, via} | {outcome: skip} | {outcome: error, message}. */
      assignees: Type.Optional(Type.Array(Type.Object({ path: Type.String(), resolution: OpenObject }))),
      /** Condition nodes: {edgeId, target, evaluations: [{edgeId, matched, isDefault}]}. */
      branch: Type.Optional(OpenObject),
    }),
  ),
  visitedNodes: Type.Array(Type.String()),
  visitedEdges: Type.Array(Type.String()),
  ended: Nullable(Type.Object({ nodeId: Type.String(), result: Nullable(Type.String()) })),
  notes: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      edgeId: Type.Optional(Type.String()),
      code: Type.Union([Type.Literal('loop'), Type.Literal('error'), Type.Literal('limit')]),
      message: Type.String(),
    }),
  ),
});
