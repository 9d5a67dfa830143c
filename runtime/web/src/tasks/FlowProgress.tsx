import { Alert, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../api/use-error-text';
import { FlowDiagram } from './FlowDiagram';
import { FlowTimeline } from './FlowTimeline';
import { InstanceActions } from './InstanceActions';
import { StatusTag } from './StatusTag';
import { useInstance } from './use-instance';
import { serverText } from '../i18n/server-text';

interface FlowProgressProps {
  instanceId: string;
  /** Show withdraw / urge (not on the task page, whose holder acts through the task). */
  withActions?: boolean;
  /** Which view opens first. */
  initialView?: 'timeline' | 'diagram';
}

/** One instance: its status, the timeline or the read-only diagram, and withdraw / urge when allowed. */
export function FlowProgress({ instanceId, withActions = true, initialView = 'timeline' }: FlowProgressProps) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const loaded = useInstance(instanceId);
  const [view, setView] = useState(initialView);

  if (loaded.error) return <Alert type="error" showIcon title={errorText(loaded.error)} />;
  if (!loaded.data) return <Spin />;
  const { state, diagram } = loaded.data;
  return (
    <div data-testid="flow-progress">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text strong>{state.flowName}</Typography.Text>
        <StatusTag of="instance" status={state.status} />
        <span style={{ flex: 1 }} />
        <Space>
          {withActions && <InstanceActions state={state} onChanged={loaded.reload} />}
          {diagram && (
            <Segmented
              value={view}
              onChange={(v) => setView(v as typeof view)}
              options={[
                { value: 'timeline', label: t('tasks.flow.timeline') },
                { value: 'diagram', label: t('tasks.flow.diagram') },
              ]}
            />
          )}
        </Space>
      </div>
      {state.error && (
        <Alert
          type="error"
          showIcon
          title={serverText(state.error.i18n, state.error.message, t, i18n)}
          style={{ marginBottom: 12 }}
        />
      )}
      {view === 'diagram' && diagram ? <FlowDiagram diagram={diagram} state={state} /> : <FlowTimeline state={state} />}
    </div>
  );
}
