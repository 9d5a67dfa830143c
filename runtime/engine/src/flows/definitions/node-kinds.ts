import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../ajv.js';
import { builtinNodeKinds } from './builtin-node-kinds.js';
import type { FlowNodeKindDefinition } from './node-kind-definition.js';

const KIND_NAME = /^[a-z][a-z0-9_]{0,47}$/;

/** The node kinds a flow may use (definition side): the built-ins plus what plugins register. */
export interface FlowNodeKindRegistry {
  /** Adds a kind; registering a name twice is an error (plugins cannot replace built-ins). */
  register(definition: FlowNodeKindDefinition): void;
  get(kind: string): FlowNodeKindDefinition | undefined;
  has(kind: string): boolean;
  /** Every kind in registration order (the designer's palette). */
  list(): FlowNodeKindDefinition[];
  /** The compiled validator of the kind's data schema (compiled once). */
  dataValidator(kind: string): ValidateFunction | undefined;
}

export function createNodeKindRegistry(definitions: FlowNodeKindDefinition[] = builtinNodeKinds): FlowNodeKindRegistry {
  const kinds = new Map<string, FlowNodeKindDefinition>();
  const validators = new Map<string, ValidateFunction>();
  const ajv = createAjv();
  const registry: FlowNodeKindRegistry = {
    register(definition) {
      if (!KIND_NAME.test(definition.kind)) throw new Error(`Invalid flow node kind name "${definition.kind}"`);
      if (kinds.has(definition.kind)) throw new Error(`Flow node kind "${definition.kind}" is already registered`);
      kinds.set(definition.kind, definition);
    },
    get: (kind) => kinds.get(kind),
    has: (kind) => kinds.has(kind),
    list: () => [...kinds.values()],
    dataValidator(kind) {
      const definition = kinds.get(kind);
      if (!definition) return undefined;
      let validate = validators.get(kind);
      if (!validate) {
        validate = ajv.compile(definition.dataSchema);
        validators.set(kind, validate);
      }
      return validate;
    },
  };
  for (const definition of definitions) registry.register(definition);
  return registry;
}

/** The process-wide registry; plugins add kinds with `registerNodeKindDefinition`. */
export const flowNodeKinds: FlowNodeKindRegistry = createNodeKindRegistry();

/** Registers a plugin node kind's definition side in the process-wide registry. */
export function registerNodeKindDefinition(definition: FlowNodeKindDefinition): void {
  flowNodeKinds.register(definition);
}
