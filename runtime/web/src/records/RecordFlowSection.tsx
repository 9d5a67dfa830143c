import { ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../api/use-async';
import { useErrorText } from '../api/use-error-text';
import { FlowProgress } from '../tasks/FlowProgress';
import { formButtons, pressButton, recordInstances } from '../tasks/tasks-api';

/**
 * The record page's flow section: the latest flow instance on this record that the user may see
 * (an earlier one can be picked), its timeline and diagram, and the form's button automations.
 * Nothing is shown when there is neither.
 */
export function RecordFlowSection({ formId, recordId }: { formId: string; recordId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const instances = useAsync(() => recordInstances(formId, recordId).catch(() => ({ items: [] })), [formId, recordId]);
  const buttons = useAsync(() => formButtons(formId).catch(() => ({ items: [] })), [formId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [pressing, setPressing] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const items = instances.data?.items ?? [];
  const instanceId = chosen ?? items[0]?.id ?? null;
  useEffect(() => setChosen(null), [formId, recordId]);

  if (!instances.data || !buttons.data) return null;
  if (items.length === 0 && buttons.data.items.length === 0) return null;

  const press = async (flowId: string, label: string) => {
    setPressing(flowId);
    try {
      await pressButton(flowId, formId, recordId);
      void message.success(t('tasks.flow.buttonStarted', { label }));
      // Keep showing the instance shown now; the new one is listed in the picker.
      if (instanceId !== null) setChosen(instanceId);
      setTimeout(() => instances.reload(), 800);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setPressing(null);
    }
  };

  return (
    <Card
      title={t('tasks.flow.title')}
      style={{ marginTop: 16 }}
      data-testid="record-flow"
      extra={
        <Space>
          {buttons.data.items.map((b) => (
            <Button
              key={b.flowId}
              icon={<ThunderboltOutlined />}
              loading={pressing === b.flowId}
              onClick={() => void press(b.flowId, b.label)}
            >
              {b.label}
            </Button>
          ))}
          {items.length > 1 && (
            <Select
              size="small"
              style={{ width: 220 }}
              value={instanceId ?? undefined}
              aria-label={t('tasks.flow.instance')}
              onChange={(id: string) => {
                setChosen(id);
                setTick((n) => n + 1);
              }}
              options={items.map((i) => ({
                value: i.id,
                label: `${i.flowName} · ${new Date(i.startedAt).toLocaleDateString()}`,
              }))}
            />
          )}
        </Space>
      }
    >
      {instanceId === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.flow.none')} />
      ) : (
        <FlowProgress key={`${instanceId}:${tick}`} instanceId={instanceId} />
      )}
    </Card>
  );
}
