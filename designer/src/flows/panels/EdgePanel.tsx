import type { FlowDefinition, FlowEdge, FlowEdgeData, FormDefinition } from '@formloom/model';
import { Checkbox } from 'antd';
import type { JSX } from 'react';

/** Placeholder until the branch condition builder lands (helper D2 owns this file): the default flag. */
export interface EdgePanelProps {
  edge: FlowEdge;
  definition: FlowDefinition;
  form: FormDefinition | null;
  readOnly: boolean;
  onChange(data: FlowEdgeData, label?: string): void;
}

export function EdgePanel({ edge, readOnly, onChange }: EdgePanelProps): JSX.Element {
  return (
    <Checkbox
      checked={edge.data?.isDefault === true}
      disabled={readOnly}
      onChange={(e) => onChange({ ...edge.data, isDefault: e.target.checked }, edge.label)}
    >
      default
    </Checkbox>
  );
}
