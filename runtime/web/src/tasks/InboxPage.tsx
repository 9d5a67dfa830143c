import { CheckOutlined, ClockCircleOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Input, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { listApps, listForms } from '../api/endpoints';
import { useAsync } from '../api/use-async';
import { useErrorText } from '../api/use-error-text';
import { relativeTime } from '../records/comments/relative-time';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { isOverdue } from './due';
import { inboxCountsValue } from './inbox-counts';
import { PersonName } from './PersonName';
import { StatusTag } from './StatusTag';
import { batchApprove, INBOX_BOXES, type InboxBox, type InboxFilter, type InboxItem } from './tasks-api';
import { useInbox } from './use-inbox';
import { stepName } from '../i18n/server-text';

/**
 * The flow inbox: tabs to do / done / started by me / CC'd to me with their counts, a keyword
 * search and app/form filters, pages appended on "load more", and batch approve of the selected
 * to-do tasks with one comment. A row opens its task (or, for instances, the flow).
 */
export function InboxPage({ box }: { box: InboxBox }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [keyword, setKeyword] = useState('');
  const [appId, setAppId] = useState<string | undefined>();
  const [formId, setFormId] = useState<string | undefined>();
  const filter = useMemo<InboxFilter>(
    () => ({ keyword: keyword.trim() || undefined, appId, formId }),
    [keyword, appId, formId],
  );
  const list = useInbox(box, filter);
  const counts = inboxCountsValue.use();
  const apps = useAsync(() => listApps(), []);
  const forms = useAsync(() => (appId ? listForms(appId) : Promise.resolve({ items: [] })), [appId]);
  const [selected, setSelected] = useState<string[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);
  const [batchComment, setBatchComment] = useState('');
  const [batchBusy, setBatchBusy] = useState(false);

  useEffect(() => setSelected([]), [box, filter]);
  useEffect(() => inboxCountsValue.refresh(), [box]);

  const appName = (id: string) => apps.data?.items.find((a) => a.id === id)?.name;

  const open = (item: InboxItem) => navigate(item.kind === 'task' ? paths.task(item.id) : paths.instance(item.id));

  async function approveSelected() {
    setBatchBusy(true);
    try {
      const { results } = await batchApprove(selected, batchComment.trim() || undefined);
      const failed = results.filter((r) => !r.ok);
      const ok = results.length - failed.length;
      if (failed.length === 0) void message.success(t('tasks.batch.done', { ok }));
      else
        void message.warning(
          t('tasks.batch.partly', {
            ok,
            failed: failed.length,
            reasons: [
              ...new Set(
                failed.map((f) =>
                  // The refusal in the user's language (by its code, from the error catalogue).
                  errorText(
                    new ApiError(400, { code: f.error?.code ?? '', message: f.error?.message ?? '', details: [] }),
                  ),
                ),
              ),
            ].join('; '),
          }),
        );
      setBatchOpen(false);
      setBatchComment('');
      setSelected([]);
      list.reload();
      inboxCountsValue.refresh();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBatchBusy(false);
    }
  }

  const titleColumn: ColumnsType<InboxItem>[number] = {
    title: t('tasks.columns.title'),
    key: 'title',
    render: (_, item) => (
      <Space direction="vertical" size={0}>
        <a
          href={item.kind === 'task' ? paths.task(item.id) : paths.instance(item.id)}
          onClick={(event) => {
            event.preventDefault();
            event.stopPropagation();
            open(item);
          }}
        >
          {item.unread && <Badge status="processing" style={{ marginRight: 6 }} />}
          {item.title}
        </a>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[item.flowName, appName(item.appId)].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Space>
    ),
  };
  const nodeColumn: ColumnsType<InboxItem>[number] = {
    title: t('tasks.columns.node'),
    key: 'node',
    render: (_, item) => (
      <Space size={4}>
        {stepName(item.nodeLabel, item.nodeKind, t) || '—'}
        {item.taskKind && item.taskKind !== 'approval' && (
          <Tag bordered={false}>{t(`tasks.kind.${item.taskKind}`, { defaultValue: item.taskKind })}</Tag>
        )}
      </Space>
    ),
  };
  const initiatorColumn: ColumnsType<InboxItem>[number] = {
    title: t('tasks.columns.initiator'),
    key: 'initiator',
    render: (_, item) => <PersonName id={item.initiatorId} />,
  };
  const timeColumn = (key: 'createdAt' | 'actedAt', title: string): ColumnsType<InboxItem>[number] => ({
    title,
    key,
    render: (_, item) => {
      const at = item[key];
      return at ? (
        <Tooltip title={new Date(at).toLocaleString(i18n.language)}>{relativeTime(at, i18n.language)}</Tooltip>
      ) : (
        '—'
      );
    },
  });
  const dueColumn: ColumnsType<InboxItem>[number] = {
    title: t('tasks.columns.due'),
    key: 'due',
    render: (_, item) =>
      item.dueAt === null ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : isOverdue(item.dueAt) ? (
        <Tag color="error" icon={<ClockCircleOutlined />}>
          {t('tasks.overdue')}
        </Tag>
      ) : (
        <Tooltip title={new Date(item.dueAt).toLocaleString(i18n.language)}>
          <Tag icon={<ClockCircleOutlined />}>
            {t('tasks.dueAt', { time: relativeTime(item.dueAt, i18n.language) })}
          </Tag>
        </Tooltip>
      ),
  };
  const statusColumn: ColumnsType<InboxItem>[number] = {
    title: t('tasks.columns.status'),
    key: 'status',
    render: (_, item) => <StatusTag of={item.kind} status={item.status} />,
  };

  const columns: Record<InboxBox, ColumnsType<InboxItem>> = {
    todo: [titleColumn, nodeColumn, initiatorColumn, timeColumn('createdAt', t('tasks.columns.since')), dueColumn],
    done: [titleColumn, nodeColumn, initiatorColumn, statusColumn, timeColumn('actedAt', t('tasks.columns.acted'))],
    initiated: [titleColumn, statusColumn, timeColumn('createdAt', t('tasks.columns.started'))],
    cc: [titleColumn, nodeColumn, initiatorColumn, timeColumn('createdAt', t('tasks.columns.since'))],
  };

  const countOf = (b: InboxBox): number | undefined => {
    if (!counts) return undefined;
    if (b === 'todo') return counts.todo;
    if (b === 'cc') return counts.ccUnread;
    if (b === 'initiated') return counts.initiatedRunning;
    return undefined;
  };

  return (
    <div className="fl-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('tasks.title')}
      </Typography.Title>
      <Tabs
        activeKey={box}
        onChange={(key) => navigate(paths.inbox(key as InboxBox))}
        items={INBOX_BOXES.map((b) => ({
          key: b,
          label: (
            <span data-testid={`inbox-tab-${b}`}>
              {t(`tasks.tabs.${b}`)}
              {countOf(b) !== undefined && countOf(b) !== 0 && (
                <Badge
                  count={countOf(b)}
                  size="small"
                  overflowCount={999}
                  color={b === 'todo' ? '#ff4d4f' : '#1677ff'}
                  style={{ marginLeft: 6 }}
                />
              )}
            </span>
          ),
        }))}
      />
      <div className="fl-inbox-toolbar">
        <Input.Search
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('tasks.search')}
          aria-label={t('tasks.search')}
          style={{ width: 260 }}
          onSearch={(value) => setKeyword(value)}
        />
        <Select
          allowClear
          placeholder={t('tasks.allApps')}
          aria-label={t('tasks.allApps')}
          style={{ width: 200 }}
          value={appId}
          onChange={(value?: string) => {
            setAppId(value);
            setFormId(undefined);
          }}
          options={apps.data?.items.map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select
          allowClear
          disabled={!appId}
          placeholder={t('tasks.allForms')}
          aria-label={t('tasks.allForms')}
          style={{ width: 200 }}
          value={formId}
          onChange={(value?: string) => setFormId(value)}
          options={forms.data?.items.map((f) => ({ value: f.id, label: f.name }))}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            list.reload();
            inboxCountsValue.refresh();
          }}
        >
          {t('tasks.refresh')}
        </Button>
        <span style={{ flex: 1 }} />
        {box === 'todo' && (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={selected.length === 0}
            onClick={() => setBatchOpen(true)}
          >
            {t('tasks.batch.button', { count: selected.length })}
          </Button>
        )}
      </div>
      {list.error !== null && (
        <Alert type="error" showIcon title={errorText(list.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<InboxItem>
        rowKey="id"
        data-testid="inbox-table"
        loading={list.loading}
        columns={columns[box]}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: t(`tasks.empty.${box}`) }}
        onRow={(item) => ({ onClick: () => open(item), style: { cursor: 'pointer' } })}
        rowSelection={
          box === 'todo'
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (item) => ({
                  disabled: item.taskKind !== 'approval',
                  'aria-label': item.title,
                }),
              }
            : undefined
        }
      />
      {list.hasMore && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={list.loadMore} loading={list.loading}>
            {t('tasks.loadMore')}
          </Button>
        </div>
      )}
      <Modal
        open={batchOpen}
        title={t('tasks.batch.title', { count: selected.length })}
        okText={t('tasks.actions.approve')}
        cancelText={t('tasks.dialog.cancel')}
        confirmLoading={batchBusy}
        onOk={() => void approveSelected()}
        onCancel={() => setBatchOpen(false)}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={batchComment}
          aria-label={t('tasks.batch.comment')}
          placeholder={t('tasks.batch.comment')}
          onChange={(e) => setBatchComment(e.target.value)}
        />
      </Modal>
    </div>
  );
}
