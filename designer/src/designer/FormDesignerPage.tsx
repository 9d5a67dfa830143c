import { ArrowLeftOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Badge, Button, Segmented, Space, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.js';
import type { FormSummary } from '../api/types.js';
import { PreviewPanel } from '../preview/PreviewPanel.js';
import type { Route } from '../use-hash-route.js';
import { VersionsPanel } from '../versions/VersionsPanel.js';
import { currentErrors, errorsByField } from './field-errors.js';
import { FormDesigner } from './FormDesigner.js';
import { PublicLinkButton } from './PublicLinkButton.js';
import { useFormDraft } from './use-form-draft.js';
import { useLeaveWarning } from './use-leave-warning.js';

interface Props {
  formId: string;
  navigate: (route: Route) => void;
}

type Tab = 'design' | 'preview' | 'versions';

/** One form: toolbar (back, undo/redo, save, publish) and the design / preview / versions tabs. */
export function FormDesignerPage({ formId, navigate }: Props) {
  const { t } = useTranslation();
  const draft = useFormDraft(formId);
  const [tab, setTab] = useState<Tab>('design');
  const [siblings, setSiblings] = useState<FormSummary[]>([]);
  const grouped = useMemo(() => errorsByField(draft.problems.details), [draft.problems]);
  const errors = useMemo(
    () => currentErrors(grouped, draft.problems.definition, draft.definition),
    [grouped, draft.problems.definition, draft.definition],
  );
  const appId = draft.form?.appId;

  useEffect(() => {
    if (appId) void client.listForms(appId).then((forms) => setSiblings(forms.filter((f) => f.id !== formId)));
  }, [appId, formId]);

  useLeaveWarning(draft.dirty);

  if (!draft.form) return <Spin style={{ margin: 80 }} />;
  const form = draft.form;

  return (
    <div>
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '8px 16px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          aria-label={t('app.back')}
          onClick={() => navigate({ page: 'app', appId: form.appId })}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {form.name}
        </Typography.Title>
        {draft.dirty && <Badge status="warning" text={t('toolbar.unsaved')} />}
        <div style={{ flex: 1, display: 'flex', justifyContent: 'center' }}>
          <Segmented<Tab>
            value={tab}
            onChange={setTab}
            options={[
              { value: 'design', label: t('toolbar.design') },
              { value: 'preview', label: t('toolbar.preview') },
              { value: 'versions', label: t('toolbar.versions') },
            ]}
          />
        </div>
        <Space>
          <Tooltip title={t('canvas.undo')}>
            <Button
              icon={<UndoOutlined />}
              aria-label={t('canvas.undo')}
              disabled={!draft.canUndo}
              onClick={draft.undo}
            />
          </Tooltip>
          <Tooltip title={t('canvas.redo')}>
            <Button
              icon={<RedoOutlined />}
              aria-label={t('canvas.redo')}
              disabled={!draft.canRedo}
              onClick={draft.redo}
            />
          </Tooltip>
          <Button
            data-testid="save-draft"
            onClick={() => void draft.save()}
            loading={draft.busy}
            disabled={!draft.dirty}
          >
            {t('toolbar.save')}
          </Button>
          <Button data-testid="publish" type="primary" onClick={() => void draft.publish()} loading={draft.busy}>
            {t('toolbar.publish')}
          </Button>
          <PublicLinkButton
            formId={formId}
            publishedVersion={form.publishedVersion}
            labels={Object.fromEntries(Object.entries(draft.definition.fields).map(([key, f]) => [key, f.label]))}
          />
        </Space>
      </div>
      {tab === 'design' && (
        <FormDesigner
          definition={draft.definition}
          apply={draft.apply}
          undo={draft.undo}
          redo={draft.redo}
          errors={errors}
          forms={siblings}
          active
        />
      )}
      {tab === 'preview' && <PreviewPanel definition={draft.definition} />}
      {tab === 'versions' && <VersionsPanel formId={formId} publishedVersion={form.publishedVersion} />}
    </div>
  );
}
