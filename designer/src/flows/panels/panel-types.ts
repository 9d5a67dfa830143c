import type { FlowDefinition, FlowEdgeData, FlowNode, FormDefinition } from '@formloom/model';

/** A change to one edge's branch settings, made from the condition node's panel (reorder, default). */
export interface EdgeDataChange {
  id: string;
  data: FlowEdgeData;
}

/** What every kind's panel gets besides its own data. */
export interface PanelContext {
  node: FlowNode;
  definition: FlowDefinition;
  form: FormDefinition | null;
  forms: Array<{ id: string; name: string }>;
  readOnly: boolean;
  appId?: string;
  flowId?: string;
  onEdgesChange?: (changes: EdgeDataChange[]) => void;
  onSelectEdge?: (edgeId: string) => void;
}

export interface KindPanelProps<D> {
  data: D;
  onChange: (data: D) => void;
  ctx: PanelContext;
}
