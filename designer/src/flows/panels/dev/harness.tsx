/**
 * Dev-only page (never built): every node kind's panel on sample data with the API mocked, for
 * screenshots and quick looks. `pnpm --filter @formloom/designer dev`, then open
 * /designer/src/flows/panels/dev/harness.html?kind=approval&lang=en.
 */
import type { FlowDefinition, FlowEdgeData, FlowNode, FormDefinition } from '@formloom/model';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../i18n/i18n.js';
import { setLanguage } from '../../../i18n/i18n.js';
import { EdgePanel } from '../EdgePanel.js';
import { NodePanel } from '../NodePanel.js';
import { mockFetch, sampleDefinition, sampleForm } from './harness-data.js';

mockFetch();
const params = new URLSearchParams(location.search);
setLanguage(params.get('lang') === 'en' ? 'en' : 'zh-CN');
const kind = params.get('kind') ?? 'approval';
const edgeId = params.get('edge');

function Harness() {
  const [definition, setDefinition] = useState<FlowDefinition>(sampleDefinition(kind));
  const form: FormDefinition | null = definition.mode === 'automation' && kind === 'trigger' ? null : sampleForm;
  const node = definition.nodes.find((n) => n.type === kind) as FlowNode;
  const edge = edgeId ? definition.edges.find((e) => e.id === edgeId) : undefined;
  const setNodeData = (data: Record<string, unknown>) =>
    setDefinition((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === node.id ? { ...n, data } : n)) }));
  const setEdge = (id: string, data: FlowEdgeData, label?: string) =>
    setDefinition((d) => ({ ...d, edges: d.edges.map((e) => (e.id === id ? { ...e, data, label } : e)) }));
  return (
    <div style={{ display: 'flex', gap: 16, padding: 16, alignItems: 'flex-start' }}>
      <aside
        data-testid="harness-side"
        style={{ width: 340, padding: 16, background: '#fff', border: '1px solid #eef0f3', boxSizing: 'border-box' }}
      >
        {edge ? (
          <EdgePanel
            edge={edge}
            definition={definition}
            form={sampleForm}
            readOnly={false}
            onChange={(data, label) => setEdge(edge.id, data, label)}
          />
        ) : (
          <NodePanel
            node={node}
            definition={definition}
            form={form}
            forms={[
              { id: 'form_purchase', name: 'Purchase request' },
              { id: 'form_ledger', name: 'Ledger' },
            ]}
            appId="app_1"
            flowId="flow_1"
            readOnly={params.get('ro') === '1'}
            onChange={setNodeData}
            onEdgesChange={(changes) =>
              setDefinition((d) => ({
                ...d,
                edges: d.edges.map((e) => {
                  const c = changes.find((x) => x.id === e.id);
                  return c ? { ...e, data: c.data } : e;
                }),
              }))
            }
          />
        )}
      </aside>
      <pre data-testid="harness-data" style={{ fontSize: 11, maxWidth: 420, whiteSpace: 'pre-wrap' }}>
        {JSON.stringify(edge ? edge.data : node.data, null, 2)}
      </pre>
    </div>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
