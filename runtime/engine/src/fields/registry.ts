import { FormloomError } from '@formloom/model';
import { choiceKinds } from './choice.js';
import { computedKinds } from './computed.js';
import { dateKinds } from './date.js';
import type { FieldKindSpec } from './field-kind.types.js';
import { fileKinds } from './files.js';
import { layoutKinds } from './layout.js';
import { linkKinds } from './links.js';
import { numberLikeKinds } from './number-like.js';
import { peopleKinds } from './people.js';
import { address, location, subformKind } from './structured.js';
import { textLikeKinds } from './text-like.js';

export interface FieldKindRegistry {
  /** Adds a kind; registering a kind name twice is an error (plugins cannot replace built-ins). */
  register(spec: FieldKindSpec): void;
  /** The spec of `kind`; throws BAD_REQUEST `unknownKind` for a kind nobody registered. */
  get(kind: string): FieldKindSpec;
  has(kind: string): boolean;
  list(): FieldKindSpec[];
}

const KIND_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** A registry holding every built-in kind of FIELD_KINDS. */
export function createFieldKindRegistry(): FieldKindRegistry {
  const specs = new Map<string, FieldKindSpec>();
  const registry: FieldKindRegistry = {
    register(spec) {
      if (!KIND_NAME.test(spec.kind)) throw new Error(`Invalid field kind name "${spec.kind}"`);
      if (specs.has(spec.kind)) throw new Error(`Field kind "${spec.kind}" is already registered`);
      specs.set(spec.kind, spec);
    },
    get(kind) {
      const spec = specs.get(kind);
      if (!spec)
        throw new FormloomError('BAD_REQUEST', `Unknown field kind "${kind}"`, [
          { path: 'kind', rule: 'unknownKind', message: `No field kind "${kind}" is registered` },
        ]);
      return spec;
    },
    has: (kind) => specs.has(kind),
    list: () => [...specs.values()],
  };
  const builtIns = [
    ...textLikeKinds,
    ...numberLikeKinds,
    ...dateKinds,
    ...choiceKinds,
    ...peopleKinds,
    ...linkKinds,
    ...fileKinds,
    ...computedKinds,
    ...layoutKinds,
    address,
    location,
    subformKind((kind) => registry.get(kind)),
  ];
  for (const spec of builtIns) registry.register(spec);
  return registry;
}

/** The process-wide registry; plugins register their kinds here. */
export const fieldKinds: FieldKindRegistry = createFieldKindRegistry();
