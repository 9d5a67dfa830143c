import { FIELD_KINDS, FormloomError } from '@formloom/model';
import { choiceKinds } from './choice.js';
import { computedKinds } from './computed.js';
import { dateKinds } from './date.js';
import type { FieldKindSpec, ImportCellType, PaletteGroup } from './field-kind.types.js';
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

const PALETTE_ORDER: readonly PaletteGroup[] = ['basic', 'advanced', 'layout'];
const BUILT_IN_ORDER: readonly string[] = FIELD_KINDS;

/** The palette group of a kind: its own, else `layout` for layout-only kinds and `advanced` for the rest. */
export const paletteGroupOf = (spec: FieldKindSpec): PaletteGroup =>
  spec.palette ?? (spec.layoutOnly ? 'layout' : 'advanced');

/**
 * The designer's palette: every registered kind in its group, built-ins in the order users know
 * (FIELD_KINDS), then plugin kinds in the order they registered.
 */
export function paletteGroups(registry: FieldKindRegistry = fieldKinds): { id: PaletteGroup; kinds: string[] }[] {
  const rank = (kind: string) => {
    const i = BUILT_IN_ORDER.indexOf(kind);
    return i < 0 ? BUILT_IN_ORDER.length : i;
  };
  const specs = registry.list().sort((a, b) => rank(a.kind) - rank(b.kind));
  return PALETTE_ORDER.map((id) => ({
    id,
    kinds: specs.filter((spec) => paletteGroupOf(spec) === id).map((spec) => spec.kind),
  }));
}

/** How an import reads a cell for a field of `kind`; undefined when the kind cannot be imported. */
export function importCellType(kind: string, registry: FieldKindRegistry = fieldKinds): ImportCellType | undefined {
  return registry.has(kind) ? registry.get(kind).importAs : undefined;
}

/** Whether `kind` holds no value (section, divider, description, plugin layout kinds). */
export const isLayoutOnlyKind = (kind: string, registry: FieldKindRegistry = fieldKinds): boolean =>
  registry.has(kind) && registry.get(kind).layoutOnly === true;
