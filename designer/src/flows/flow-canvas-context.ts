import type { FieldMeta } from '@formloom/model';
import { createContext, useContext } from 'react';
import type { NodeKindInfo } from './flow-api.js';
import type { NameLookup } from './node-summary.js';

/** What node cards and edges read besides their own data; changes rarely (kinds, names, read-only). */
export interface FlowCanvasContextValue {
  kinds: Map<string, NodeKindInfo>;
  names: NameLookup;
  readOnly: boolean;
  /** Fields of the flow's form (published), for branch condition labels. */
  fields: Record<string, FieldMeta>;
  /** Whether the app's published forms are loaded (until then `fields` is empty: labels would name field keys). */
  fieldsLoaded: boolean;
}

const identity = (id: string) => id;

export const FlowCanvasContext = createContext<FlowCanvasContextValue>({
  kinds: new Map(),
  names: { user: identity, department: identity, role: identity, field: identity, form: identity },
  readOnly: false,
  fields: {},
  fieldsLoaded: false,
});

export const useFlowCanvasContext = () => useContext(FlowCanvasContext);
