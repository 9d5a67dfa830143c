import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DndContext,
  PointerSensor,
  KeyboardSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { App as AntApp, Button, Card, Empty, Input, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.js';
import type { AppSummary, FormSummary } from '../api/types.js';
import type { Route } from '../use-hash-route.js';
import { FormBin } from './FormBin.js';
import { SortableFormRow } from './SortableFormRow.js';

interface Props {
  appId: string;
  navigate: (route: Route) => void;
}

/** An app's menu of forms: create, rename, drag to reorder, delete to the recycle bin. */
export function FormList({ appId, navigate }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [app, setApp] = useState<AppSummary | null>(null);
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [name, setName] = useState('');
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const load = useCallback(async () => {
    const [a, f] = await Promise.all([client.getApp(appId), client.listForms(appId)]);
    setApp(a);
    setForms([...f].sort((x, y) => x.order - y.order));
  }, [appId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const form = await client.createForm(appId, trimmed);
    setName('');
    navigate({ page: 'form', formId: form.id });
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    if (!forms || !over || active.id === over.id) return;
    const from = forms.findIndex((f) => f.id === active.id);
    const to = forms.findIndex((f) => f.id === over.id);
    const next = arrayMove(forms, from, to);
    setForms(next);
    await client.reorderForms(
      appId,
      next.map((f) => f.id),
    );
  };

  const rename = async (formId: string, newName: string) => {
    await client.renameForm(formId, newName);
    await load();
  };

  const remove = async (formId: string) => {
    await client.deleteForm(formId);
    void message.success(t('forms.deleted'));
    await load();
  };

  return (
    <Card
      title={
        <Space>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('app.back')}
            onClick={() => navigate({ page: 'apps' })}
          />
          {t('forms.title', { app: app?.name ?? '' })}
        </Space>
      }
      extra={<FormBin appId={appId} onRestored={() => void load()} />}
      style={{ maxWidth: 860, margin: '24px auto' }}
    >
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          placeholder={t('forms.name')}
          aria-label={t('forms.name')}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void create()}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void create()}>
          {t('forms.create')}
        </Button>
      </Space.Compact>
      {forms && forms.length === 0 && <Empty description={t('forms.empty')} />}
      {forms && forms.length > 0 && (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={(e) => void onDragEnd(e)}>
          <SortableContext items={forms.map((f) => f.id)} strategy={verticalListSortingStrategy}>
            {forms.map((form) => (
              <SortableFormRow
                key={form.id}
                form={form}
                onOpen={() => navigate({ page: 'form', formId: form.id })}
                onRename={(n) => void rename(form.id, n)}
                onDelete={() => void remove(form.id)}
              />
            ))}
          </SortableContext>
        </DndContext>
      )}
    </Card>
  );
}
