import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloseOutlined,
  CommentOutlined,
  EditOutlined,
  ExportOutlined,
  RollbackOutlined,
  SwapOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorDetail } from '../api/client';
import { getVersion } from '../api/endpoints';
import type { FormDefinition } from '../api/types';
import { useAsync } from '../api/use-async';
import { useErrorText } from '../api/use-error-text';
import { FormRenderer, type FormValues } from '../form-renderer/index';
import { RecordFields } from '../records/RecordFields';
import { errorsStillValid } from '../records/server-error-state';
import { linkProps, navigate } from '../router/router';
import { paths } from '../router/routes';
import { ActionDialog } from './ActionDialog';
import { isOverdue } from './due';
import { editsToSend, hasEditableFields, isEditable, permittedDefinition } from './field-permissions';
import { FlowProgress } from './FlowProgress';
import { inboxCountsValue } from './inbox-counts';
import { InstanceActions } from './InstanceActions';
import { PersonName } from './PersonName';
import { StatusTag } from './StatusTag';
import { taskStatusWord } from './status-words';
import { actOnTask, getInstance, getTask, type InstanceState, type TaskAction, type TaskView } from './tasks-api';
import { stepName } from '../i18n/server-text';

const ICONS: Record<TaskAction, ReactNode> = {
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  return: <RollbackOutlined />,
  transfer: <SwapOutlined />,
  add_signer: <UsergroupAddOutlined />,
  comment: <CommentOutlined />,
};
const ORDER: TaskAction[] = ['approve', 'reject', 'return', 'transfer', 'add_signer', 'comment'];

interface Loaded {
  view: TaskView;
  definition: FormDefinition | null;
  instance: InstanceState | null;
}

/**
 * One task: the record as this step shows it (hidden fields absent, the step's editable fields
 * open for edits, which go with the action), the actions the step offers, the flow's progress
 * beside it. After an action the inbox opens again with a toast; a comment stays here.
 */
export function TaskPage({ taskId }: { taskId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const loaded = useAsync<Loaded>(async () => {
    const view = await getTask(taskId);
    const definition = view.record ? (await getVersion(view.record.formId, view.record.formVersion)).definition : null;
    const instance = await getInstance(view.task.instanceId).catch(() => null);
    return { view, definition, instance };
  }, [taskId]);
  const [values, setValues] = useState<FormValues | null>(null);
  const [serverErrors, setServerErrors] = useState<ApiErrorDetail[]>([]);
  const [dialog, setDialog] = useState<TaskAction | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [signatureRequired, setSignatureRequired] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progressKey, setProgressKey] = useState(0);

  const shown = useMemo(
    () => (loaded.data?.definition ? permittedDefinition(loaded.data.definition, loaded.data.view.fields) : null),
    [loaded.data],
  );

  if (loaded.error) {
    const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <div className="fl-page">
        <BackToInbox />
        <Alert type="error" showIcon title={notFound ? t('record.notFound') : errorText(loaded.error)} />
      </div>
    );
  }
  if (!loaded.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const { view, instance } = loaded.data;
  const appId = instance?.appId ?? '';
  const { task, record } = view;
  const offered = ORDER.filter((a) => view.actions.includes(a));
  const pending = task.status === 'pending' && offered.length > 0;
  const editing = pending && record !== null && shown !== null && hasEditableFields(view.fields);
  const current = values ?? record?.data ?? {};
  const submitsInstead = task.kind === 'handle' || task.kind === 'resubmit';
  const labelOf = (action: TaskAction) =>
    action === 'approve' && submitsInstead ? t('tasks.actions.submit') : t(`tasks.actions.${action}`);
  const editableLabels = shown
    ? Object.entries(view.fields)
        .filter(([key, p]) => isEditable(p) && shown.fields[key])
        .map(([key]) => shown.fields[key].label)
    : [];

  async function act(action: TaskAction, input: Parameters<typeof actOnTask>[1]) {
    setBusy(true);
    setDialogError(null);
    try {
      const data = action === 'approve' && record ? editsToSend(record.data, current, view.fields) : {};
      const withEdits =
        Object.keys(data).length > 0 && record ? { ...input, data, baseVersion: record.version } : input;
      await actOnTask(task.id, withEdits);
      inboxCountsValue.refresh();
      const done = action === 'approve' && submitsInstead ? 'submit' : action;
      void message.success(t(`tasks.done.${done}`, { count: 0 }));
      setDialog(null);
      if (action === 'comment') {
        setProgressKey((n) => n + 1);
        loaded.reload();
      } else navigate(paths.inbox());
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const details = e.body.details;
      if (details.some((d) => d.path === 'signatureFileId')) {
        setSignatureRequired(true);
        setDialogError(t('tasks.dialog.signatureRequired'));
      } else if (details.some((d) => d.path.startsWith('data.'))) {
        setServerErrors(details.filter((d) => d.path.startsWith('data.')));
        setDialog(null);
        void message.error(errorText(e, loaded.data?.definition ?? undefined));
      } else setDialogError(errorText(e, loaded.data?.definition ?? undefined));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fl-page">
      <BackToInbox />
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', margin: '12px 0 16px' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="task-title">
          {task.title}
        </Typography.Title>
        <Tag color="blue">{stepName(task.nodeLabel, task.nodeKind, t)}</Tag>
        <StatusTag of="task" status={task.status} />
        {isOverdue(task.dueAt) && task.status === 'pending' && <Tag color="error">{t('tasks.overdue')}</Tag>}
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 4 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'flow', label: t('tasks.columns.flow'), children: task.flowName },
          {
            key: 'initiator',
            label: t('tasks.columns.initiator'),
            children: <PersonName id={view.instance.initiatorId} />,
          },
          { key: 'assignee', label: t('tasks.page.assignee'), children: <PersonName id={task.assigneeId} /> },
          {
            key: 'received',
            label: t('tasks.page.received'),
            children: new Date(task.createdAt).toLocaleString(i18n.language),
          },
          ...(task.dueAt
            ? [{ key: 'due', label: t('tasks.page.due'), children: new Date(task.dueAt).toLocaleString(i18n.language) }]
            : []),
        ]}
      />
      {task.status !== 'pending' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('tasks.page.handled', { status: taskStatusWord(task.status, t) })}
        />
      )}
      <Row gutter={24}>
        <Col xs={24} lg={15}>
          <Card
            title={t('tasks.page.record')}
            extra={
              record &&
              appId && (
                <a {...linkProps(paths.record(appId, record.formId, record.id))}>
                  <ExportOutlined /> {t('tasks.page.openRecord')}
                </a>
              )
            }
          >
            {record === null || shown === null ? (
              <Typography.Text type="secondary">{t('tasks.page.noRecord')}</Typography.Text>
            ) : editing ? (
              <>
                {editableLabels.length > 0 && (
                  <Alert
                    type="success"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={t('tasks.page.editable')}
                    description={editableLabels.join(i18n.language === 'zh-CN' ? '、' : ', ')}
                  />
                )}
                <EditableHighlight keys={Object.keys(view.fields).filter((k) => isEditable(view.fields[k]))} />
                <div className="fl-task-form">
                  <FormRenderer
                    definition={shown}
                    formData={current}
                    newRecord={false}
                    serverErrors={serverErrors}
                    onChange={(next) => {
                      setServerErrors((errors) => errorsStillValid(errors, current, next));
                      setValues(next);
                    }}
                  />
                </div>
              </>
            ) : (
              <RecordFields definition={shown} data={record.data} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('tasks.flow.title')}>
            <FlowProgress key={progressKey} instanceId={task.instanceId} withActions={false} />
          </Card>
        </Col>
      </Row>
      {pending && view.signatureRequired && offered.some((a) => a === 'approve' || a === 'reject') && (
        <Alert
          type="warning"
          showIcon
          icon={<EditOutlined />}
          style={{ marginTop: 16 }}
          title={t('tasks.page.signatureNeeded')}
          data-testid="task-signature-needed"
        />
      )}
      {pending && (
        <div className="fl-task-actions" data-testid="task-actions">
          {offered.map((action) => (
            <Button
              key={action}
              type={action === 'approve' ? 'primary' : 'default'}
              danger={action === 'reject'}
              icon={ICONS[action]}
              onClick={() => {
                setDialogError(null);
                setDialog(action);
              }}
            >
              {labelOf(action)}
            </Button>
          ))}
          <span style={{ flex: 1 }} />
          {instance && <InstanceActions state={instance} onChanged={loaded.reload} />}
        </div>
      )}
      {dialog && (
        <ActionDialog
          action={dialog}
          label={labelOf(dialog)}
          view={view}
          busy={busy}
          error={dialogError}
          signatureRequired={signatureRequired}
          onCancel={() => setDialog(null)}
          onSubmit={(input) => void act(dialog, { action: dialog, ...input })}
        />
      )}
    </div>
  );
}

const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A soft green frame around the fields this step lets the holder edit (keys are plain identifiers). */
function EditableHighlight({ keys }: { keys: string[] }) {
  const selectors = keys.filter((k) => FIELD_KEY.test(k)).map((k) => `.fl-task-form [data-field="${k}"]`);
  if (selectors.length === 0) return null;
  return (
    <style>{`${selectors.join(',')} { background: #f6ffed; border-left: 3px solid #52c41a; border-radius: 6px; padding: 8px 12px 2px; margin-left: -12px; margin-right: -12px; }`}</style>
  );
}

function BackToInbox() {
  const { t } = useTranslation();
  return (
    <Space>
      <Button icon={<ArrowLeftOutlined />} {...linkProps(paths.inbox())} href={paths.inbox()}>
        {t('tasks.page.back')}
      </Button>
    </Space>
  );
}
