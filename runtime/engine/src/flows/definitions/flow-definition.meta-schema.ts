/** The largest flow accepted (the designer's benchmark draws 500 nodes). */
export const FLOW_LIMITS = { maxNodes: 1000, maxEdges: 2000 } as const;

const id = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' };
const nodeId = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' };

/**
 * The meta-schema of a FlowDefinition (React Flow `{nodes, edges}` + mode + formId), draft-07,
 * checked with ajv. It fixes the document's shape; each node's `data` is checked against its
 * kind's schema from the node-kind registry, and the rules between parts (references, graph)
 * by validateFlowDefinition and the linter. React Flow's own UI keys (selected, measured,
 * width …) are tolerated on nodes and edges.
 */
export const flowDefinitionMetaSchema = {
  $id: 'formloom:flow-definition',
  type: 'object',
  required: ['mode', 'nodes', 'edges'],
  additionalProperties: false,
  properties: {
    mode: { enum: ['process', 'automation'] },
    formId: id,
    nodes: {
      type: 'array',
      maxItems: FLOW_LIMITS.maxNodes,
      items: {
        type: 'object',
        required: ['id', 'type', 'position', 'data'],
        properties: {
          id: nodeId,
          type: { type: 'string', minLength: 1, maxLength: 48 },
          position: {
            type: 'object',
            required: ['x', 'y'],
            properties: { x: { type: 'number' }, y: { type: 'number' } },
          },
          data: { type: 'object' },
        },
      },
    },
    edges: {
      type: 'array',
      maxItems: FLOW_LIMITS.maxEdges,
      items: {
        type: 'object',
        required: ['id', 'source', 'target'],
        properties: {
          id: nodeId,
          source: nodeId,
          target: nodeId,
          sourceHandle: { type: ['string', 'null'], maxLength: 100 },
          targetHandle: { type: ['string', 'null'], maxLength: 100 },
          label: { type: 'string', maxLength: 200 },
          data: {
            type: 'object',
            additionalProperties: false,
            properties: {
              condition: { type: 'object' },
              priority: { type: 'integer', minimum: 0, maximum: 10000 },
              isDefault: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
  if: { properties: { mode: { const: 'process' } }, required: ['mode'] },
  then: { required: ['formId'] },
} as const;
