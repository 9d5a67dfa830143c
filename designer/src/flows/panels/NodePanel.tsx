import type { FlowDefinition, FlowNode, FormDefinition } from '@formloom/model';
import { Input, Typography } from 'antd';
import type { JSX } from 'react';

/** Placeholder until the node side panels land (helper D2 owns this file): the node's label. */
export interface NodePanelProps {
  node: FlowNode;
  definition: FlowDefinition;
  form: FormDefinition | null;
  forms: Array<{ id: string; name: string }>;
  readOnly: boolean;
  onChange(data: Record<string, unknown>): void;
}

export function NodePanel({ node, readOnly, onChange }: NodePanelProps): JSX.Element {
  return (
    <div>
      <Input
        aria-label="label"
        value={typeof node.data.label === 'string' ? node.data.label : ''}
        disabled={readOnly}
        onChange={(e) => onChange({ ...node.data, label: e.target.value })}
      />
      <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
        {JSON.stringify(node.data, null, 2)}
      </Typography.Paragraph>
    </div>
  );
}
