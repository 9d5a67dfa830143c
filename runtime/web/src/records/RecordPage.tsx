import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorDetail } from '../api/client';
import { getRecord, getVersion, updateRecord } from '../api/endpoints';
import type { RecordData, RecordView } from '../api/types';
import { useAsync } from '../api/use-async';
import { FormRenderer, type FormValues } from '../form-renderer/index';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { CommentsPanel } from './comments/CommentsPanel';
import { ConflictDialog } from './ConflictDialog';
import { HistoryTimeline } from './HistoryTimeline';
import { recordsWritten, useLinkLabelFreshness } from './link-label-freshness';
import { RecordFields } from './RecordFields';
import { RecordFlowSection } from './RecordFlowSection';
import { errorsStillValid } from './server-error-state';
import { useErrorText } from '../api/use-error-text';

interface RecordPageProps {
  appId: string;
  formId: string;
  formName: string;
  recordId: string;
}

/**
 * One record: its fields read-only, an Edit button that turns them into the form, save with
 * the version the edit is based on, a conflict dialog on 409, and the history timeline.
 * The record is shown with the form version it was last written against. Comments (with
 * @-mentions) sit under the record.
 */
export function RecordPage({ appId, formId, formName, recordId }: RecordPageProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  useLinkLabelFreshness();
  const loaded = useAsync(async () => {
    const record = await getRecord(formId, recordId);
    const version = await getVersion(formId, record.formVersion);
    return { record, definition: version.definition };
  }, [formId, recordId]);
  const [record, setRecord] = useState<RecordView | null>(null);
  const [editing, setEditing] = useState<FormValues | null>(null);
  const [serverErrors, setServerErrors] = useState<ApiErrorDetail[]>([]);
  const [conflict, setConflict] = useState<{ mine: RecordData; theirs: RecordView } | null>(null);
  const [busy, setBusy] = useState(false);

  if (loaded.error) {
    const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
    return <Alert type="error" showIcon title={notFound ? t('record.notFound') : errorText(loaded.error)} />;
  }
  if (!loaded.data) return <Spin />;
  const { definition } = loaded.data;
  const current = record ?? loaded.data.record;

  async function save(data: RecordData, baseVersion: number) {
    setBusy(true);
    try {
      const saved = await updateRecord(formId, recordId, baseVersion, data);
      // Links to this record, on this page and in the other tabs, show its new display fields.
      recordsWritten(formId, [recordId]);
      setRecord(saved);
      setEditing(null);
      setConflict(null);
      setServerErrors([]);
      void message.success({ key: 'formloom-status', content: t('record.saved') });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'VERSION_CONFLICT' && isRecordView(e.body.current)) {
        setConflict({ mine: data, theirs: e.body.current });
      } else if (e.status === 0) {
        void message.error({ key: 'formloom-status', content: t('errors.network') });
      } else {
        setServerErrors(e.body.details.length > 0 ? e.body.details : [{ path: '', rule: e.code, message: e.message }]);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate(`${paths.data(appId, formId)}${window.location.search}`)}
        >
          {t('record.back')}
        </Button>
      </Space>
      <Typography.Title level={3}>
        {formName}{' '}
        <Typography.Text type="secondary" data-testid="record-version">
          · {t('record.version', { version: current.version })}
        </Typography.Text>
      </Typography.Title>
      <Row gutter={24}>
        <Col xs={24} lg={15}>
          <Card
            title={t('record.title')}
            extra={
              editing === null && (
                <Button icon={<EditOutlined />} onClick={() => setEditing({ ...current.data })}>
                  {t('record.edit')}
                </Button>
              )
            }
          >
            {editing === null ? (
              <RecordFields definition={definition} data={current.data} />
            ) : (
              <FormRenderer
                definition={definition}
                formData={editing}
                serverErrors={serverErrors}
                onChange={(next) => {
                  setServerErrors((errors) => errorsStillValid(errors, editing, next));
                  setEditing(next);
                }}
                onSubmit={(data) => void save(data, current.version)}
              >
                <Space>
                  <Button type="primary" htmlType="submit" loading={busy}>
                    {t('record.save')}
                  </Button>
                  <Button onClick={() => setEditing(null)}>{t('record.cancel')}</Button>
                </Space>
              </FormRenderer>
            )}
          </Card>
          <RecordFlowSection formId={formId} recordId={recordId} />
          <Card title={t('comments.title')} style={{ marginTop: 16 }}>
            <CommentsPanel formId={formId} recordId={recordId} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('record.history')}>
            <HistoryTimeline formId={formId} recordId={recordId} definition={definition} version={current.version} />
          </Card>
        </Col>
      </Row>
      {conflict && (
        <ConflictDialog
          definition={definition}
          base={current.data}
          mine={conflict.mine}
          theirs={conflict.theirs}
          busy={busy}
          onSave={(data) => void save(data, conflict.theirs.version)}
          onTakeTheirs={() => {
            setRecord(conflict.theirs);
            setEditing(null);
            setConflict(null);
          }}
          onCancel={() => setConflict(null)}
        />
      )}
    </div>
  );

  function isRecordView(value: unknown): value is RecordView {
    return typeof value === 'object' && value !== null && 'version' in value && 'data' in value;
  }
}
