import { NodeIndexOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../api/use-async';
import { useErrorText } from '../api/use-error-text';
import { useIsAdmin } from '../auth/use-is-admin';
import { peopleIn, serverText } from '../i18n/server-text';
import { usePeople } from '../records/comments/use-people';
import { linkProps } from '../router/router';
import { paths } from '../router/routes';
import { StatusTag } from '../tasks/StatusTag';
import {
  adminInstances,
  cancelInstance,
  instanceJournal,
  retryInstance,
  type InstanceSummary,
} from '../tasks/tasks-api';
import { ALL_APPS, AppScopeSelect } from './AppScopeSelect';
import { useManagedApps } from './use-managed-apps';

/**
 * Admins (all apps or one) and app managers (the apps they manage, one at a time): failed flow
 * instances and stuck ones (a step queued and not run for over a minute), each with its
 * journal, and retry (the failed step again) or cancel.
 */
export function ExecutionsPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [status, setStatus] = useState<'failed' | 'stuck'>('failed');
  const admin = useIsAdmin();
  const managed = useManagedApps();
  const [chosenApp, setChosenApp] = useState<string | null>(null);
  // Admins start on every app; managers on the first app they manage (the API needs one from them).
  const appId = chosenApp ?? (admin ? ALL_APPS : (managed.apps[0]?.id ?? ALL_APPS));
  const scoped = admin || appId !== ALL_APPS;
  const list = useAsync(
    () => (scoped ? adminInstances(status, appId || undefined) : Promise.resolve({ items: [] })),
    [status, appId, scoped],
  );
  const [journalOf, setJournalOf] = useState<InstanceSummary | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (what: 'retry' | 'cancel', instance: InstanceSummary) => {
    setBusy(`${what}:${instance.id}`);
    try {
      if (what === 'retry') await retryInstance(instance.id);
      else await cancelInstance(instance.id);
      void message.success(t(what === 'retry' ? 'admin.flows.retried' : 'admin.flows.cancelled'));
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const time = (at: string) => new Date(at).toLocaleString(i18n.language);

  return (
    <div className="fl-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <NodeIndexOutlined /> {t('admin.flows.title')}
      </Typography.Title>
      <div className="fl-inbox-toolbar">
        <AppScopeSelect
          apps={managed.apps}
          loading={managed.loading}
          value={appId}
          allowAll={admin}
          onChange={setChosenApp}
        />
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'failed' | 'stuck')}
          options={[
            { value: 'failed', label: t('admin.flows.failed') },
            { value: 'stuck', label: t('admin.flows.stuck') },
          ]}
        />
        <Button icon={<ReloadOutlined />} onClick={list.reload}>
          {t('tasks.refresh')}
        </Button>
        {status === 'stuck' && <Typography.Text type="secondary">{t('admin.flows.stuckHint')}</Typography.Text>}
      </div>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />}
      <Table<InstanceSummary>
        rowKey="id"
        data-testid="executions"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('admin.flows.empty') }}
        columns={[
          {
            title: t('admin.flows.instance'),
            key: 'title',
            render: (_, i) => (
              <Space direction="vertical" size={0}>
                <a {...linkProps(paths.instance(i.id))}>{i.title}</a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.flowName} · v{i.flowVersion}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('admin.flows.status'),
            key: 'status',
            width: 110,
            render: (_, i) => <StatusTag of="instance" status={i.status} />,
          },
          {
            title: t('admin.flows.error'),
            key: 'error',
            ellipsis: true,
            render: (_, i) =>
              i.error ? (
                <Typography.Text type="danger">
                  {i.error.code && <Tag color="error">{i.error.code}</Tag>}
                  {serverText(i.error.i18n, i.error.message, t, i18n)}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('admin.flows.started'), key: 'started', width: 170, render: (_, i) => time(i.startedAt) },
          { title: t('admin.flows.updated'), key: 'updated', width: 170, render: (_, i) => time(i.updatedAt) },
          {
            title: '',
            key: 'actions',
            width: 240,
            render: (_, i) => (
              <Space>
                <Button size="small" onClick={() => setJournalOf(i)}>
                  {t('admin.flows.journal')}
                </Button>
                <Button
                  size="small"
                  type="primary"
                  ghost
                  loading={busy === `retry:${i.id}`}
                  onClick={() => void run('retry', i)}
                >
                  {t('admin.flows.retry')}
                </Button>
                <Popconfirm
                  title={t('admin.flows.cancelConfirm')}
                  okText={t('tasks.dialog.ok')}
                  cancelText={t('tasks.dialog.cancel')}
                  onConfirm={() => run('cancel', i)}
                >
                  <Button size="small" danger loading={busy === `cancel:${i.id}`}>
                    {t('admin.flows.cancel')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={journalOf !== null}
        size={640}
        title={journalOf ? t('admin.flows.journalTitle', { title: journalOf.title }) : ''}
        onClose={() => setJournalOf(null)}
        destroyOnHidden
      >
        {journalOf && <Journal instanceId={journalOf.id} />}
      </Drawer>
    </div>
  );
}

function Journal({ instanceId }: { instanceId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const journal = useAsync(() => instanceJournal(instanceId), [instanceId]);
  const people = usePeople((journal.data?.items ?? []).flatMap((j) => peopleIn(j.i18n)));
  const personName = (id: string) => {
    const person = people.get(id);
    return person ? person.displayName || person.username : id;
  };
  if (journal.error) return <Alert type="error" showIcon title={errorText(journal.error)} />;
  return (
    <Table
      rowKey="id"
      size="small"
      loading={journal.loading}
      dataSource={journal.data?.items ?? []}
      pagination={false}
      columns={[
        {
          title: t('admin.flows.journalCols.at'),
          key: 'at',
          width: 180,
          render: (_, j) => new Date(j.at).toLocaleString(i18n.language),
        },
        {
          title: t('admin.flows.journalCols.type'),
          key: 'type',
          width: 80,
          render: (_, j) => <Tag color={j.type === 'error' ? 'error' : 'default'}>{j.type}</Tag>,
        },
        { title: t('admin.flows.journalCols.node'), key: 'node', width: 90, render: (_, j) => j.nodeId ?? '' },
        {
          title: t('admin.flows.journalCols.message'),
          key: 'message',
          render: (_, j) => serverText(j.i18n, j.message, t, i18n, personName),
        },
      ]}
    />
  );
}
