import { MailOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Divider, Drawer, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../api/use-error-text';
import { mailOutbox, type Mail, type MailStatus } from './admin-api';
import { TextBlock } from './TextBlock';

const STATUS_COLORS: Record<string, string> = {
  outbox: 'gold',
  queued: 'processing',
  sent: 'success',
  failed: 'error',
};

/**
 * Admins: every mail the server kept (the embedded default keeps them in the outbox), newest
 * first, 50 at a time; a drawer shows one mail with its text as plain text (never as markup).
 */
export function MailOutboxPage() {
  const { t, i18n } = useTranslation();
  const { t: ta } = useTranslation('admin');
  const [open, setOpen] = useState<Mail | null>(null);
  const errorText = useErrorText();
  const [status, setStatus] = useState<MailStatus | 'all'>('all');
  const [items, setItems] = useState<Mail[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  const load = (cursor?: string) => {
    setLoading(true);
    setError(null);
    mailOutbox(status === 'all' ? undefined : status, cursor).then(
      (page) => {
        setItems((old) => (cursor ? [...old, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  };
  useEffect(() => load(), [status, tick]);

  const time = (at: string | null) => (at ? new Date(at).toLocaleString(i18n.language) : '—');

  return (
    <div className="fl-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <MailOutlined /> {t('admin.outbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.outbox.hint')}</Typography.Paragraph>
      <div className="fl-inbox-toolbar">
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as MailStatus | 'all')}
          options={[
            { value: 'all', label: t('admin.outbox.all') },
            ...(['outbox', 'queued', 'sent', 'failed'] as const).map((s) => ({
              value: s,
              label: t(`admin.outbox.statuses.${s}`),
            })),
          ]}
        />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>
          {t('tasks.refresh')}
        </Button>
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<Mail>
        rowKey="id"
        data-testid="mail-outbox"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: ta('outbox.empty') }}
        columns={[
          { title: t('admin.outbox.to'), dataIndex: 'to', key: 'to', width: 220 },
          { title: t('admin.outbox.subject'), dataIndex: 'subject', key: 'subject', ellipsis: true },
          {
            title: t('admin.outbox.category'),
            dataIndex: 'category',
            key: 'category',
            width: 110,
            render: (c: string) => <Tag bordered={false}>{c}</Tag>,
          },
          {
            title: t('admin.outbox.status'),
            key: 'status',
            width: 120,
            render: (_, mail) => (
              <Tooltip title={mail.lastError ?? undefined}>
                <Tag color={STATUS_COLORS[mail.status] ?? 'default'}>
                  {t(`admin.outbox.statuses.${mail.status}`, { defaultValue: mail.status })}
                </Tag>
              </Tooltip>
            ),
          },
          { title: t('admin.outbox.attempts'), dataIndex: 'attempts', key: 'attempts', width: 90 },
          { title: t('admin.outbox.created'), key: 'created', width: 210, render: (_, m) => time(m.createdAt) },
          { title: t('admin.outbox.sent'), key: 'sent', width: 210, render: (_, m) => time(m.sentAt) },
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_, mail) => (
              <Button size="small" onClick={() => setOpen(mail)}>
                {ta('outbox.details')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== null}
        size={640}
        title={open?.subject ?? ta('outbox.drawerTitle')}
        onClose={() => setOpen(null)}
        destroyOnHidden
        data-testid="mail-drawer"
      >
        {open && (
          <>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'to', label: t('admin.outbox.to'), children: open.to },
                { key: 'subject', label: t('admin.outbox.subject'), children: open.subject },
                {
                  key: 'category',
                  label: t('admin.outbox.category'),
                  children: <Tag bordered={false}>{open.category}</Tag>,
                },
                {
                  key: 'status',
                  label: t('admin.outbox.status'),
                  children: (
                    <Tag color={STATUS_COLORS[open.status] ?? 'default'}>
                      {t(`admin.outbox.statuses.${open.status}`, { defaultValue: open.status })}
                    </Tag>
                  ),
                },
                { key: 'attempts', label: t('admin.outbox.attempts'), children: open.attempts },
                {
                  key: 'error',
                  label: t('admin.outbox.error'),
                  children: open.lastError ? (
                    <Typography.Text type="danger">{open.lastError}</Typography.Text>
                  ) : (
                    ta('outbox.noError')
                  ),
                },
                { key: 'created', label: t('admin.outbox.created'), children: time(open.createdAt) },
                { key: 'sent', label: t('admin.outbox.sent'), children: time(open.sentAt) },
              ]}
            />
            <Divider titlePlacement="start">{ta('outbox.body')}</Divider>
            <TextBlock text={open.text} maxHeight={480} testId="mail-text" />
          </>
        )}
      </Drawer>
      {nextCursor && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button loading={loading} onClick={() => load(nextCursor)}>
            {ta('outbox.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
