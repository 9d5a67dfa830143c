import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../api/use-error-text';
import { linkProps } from '../router/router';
import { paths } from '../router/routes';
import { DeliveryStatusTag } from './DeliveryStatusTag';
import { WebhookDeliveryDrawer } from './WebhookDeliveryDrawer';
import { lastStatusCode, urlHost } from './webhook-format';
import { retryDelivery, webhookDeliveries, type DeliveryStatus, type WebhookDelivery } from './webhooks-api';

type Filter = DeliveryStatus | 'all';

/** Instance ids are long: the table shows their start (the tooltip and the link have all of it). */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 10)}…` : id);

/** The flow's webhook deliveries, newest first: filters, pages, a detail drawer and retry-now for failed ones. */
export function WebhookDeliveryTable({ flowId }: { flowId: string }) {
  const { t, i18n } = useTranslation('admin');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [items, setItems] = useState<WebhookDelivery[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [open, setOpen] = useState<WebhookDelivery | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);

  const load = (cursor?: string) => {
    setLoading(true);
    setError(null);
    return webhookDeliveries(flowId, filter === 'all' ? undefined : filter, cursor).then(
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
  useEffect(() => {
    void load();
  }, [flowId, filter, tick]);

  const retry = async (delivery: WebhookDelivery) => {
    setRetrying(delivery.id);
    try {
      const updated = await retryDelivery(flowId, delivery.id);
      setItems((old) => old.map((d) => (d.id === updated.id ? updated : d)));
      void message.success(t('webhooks.retried'));
      // The try runs on the queue: look again shortly to show its result.
      window.setTimeout(() => setTick((n) => n + 1), 1500);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setRetrying(null);
    }
  };
  const time = (at: string | null) => (at ? new Date(at).toLocaleString(i18n.language) : '—');

  return (
    <>
      <div className="fl-inbox-toolbar">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          data-testid="delivery-filter"
          options={(['all', 'failed', 'pending', 'delivered'] as const).map((value) => ({
            value,
            label: t(`webhooks.filter.${value}`),
          }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)}>
          {t('webhooks.refresh')}
        </Button>
      </div>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 12 }} />}
      <Table<WebhookDelivery>
        rowKey="id"
        size="middle"
        data-testid="webhook-deliveries"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1180 }}
        locale={{ emptyText: t('webhooks.empty') }}
        columns={[
          { title: t('webhooks.cols.time'), key: 'time', width: 160, render: (_, d) => time(d.createdAt) },
          {
            title: t('webhooks.cols.instance'),
            key: 'instance',
            width: 130,
            render: (_, d) => (
              <Space orientation="vertical" size={0}>
                <Tooltip title={d.instanceId}>
                  <a {...linkProps(paths.instance(d.instanceId))}>{shortId(d.instanceId)}</a>
                </Tooltip>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.nodeId}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('webhooks.cols.target'),
            key: 'target',
            width: 150,
            render: (_, d) => (
              <Tooltip title={d.url}>
                <Typography.Text code>{urlHost(d.url)}</Typography.Text>
              </Tooltip>
            ),
          },
          {
            title: t('webhooks.cols.status'),
            key: 'status',
            width: 90,
            render: (_, d) => <DeliveryStatusTag status={d.status} />,
          },
          {
            title: t('webhooks.cols.attempts'),
            key: 'attempts',
            width: 70,
            render: (_, d) => `${d.attempts.length}/${d.maxAttempts}`,
          },
          {
            title: t('webhooks.cols.response'),
            key: 'response',
            width: 96,
            render: (_, d) => {
              const code = lastStatusCode(d);
              return code === null ? '—' : <Tag color={code < 300 ? 'success' : 'error'}>{code}</Tag>;
            },
          },
          {
            title: t('webhooks.cols.nextAttempt'),
            key: 'next',
            width: 150,
            render: (_, d) => time(d.nextAttemptAt),
          },
          {
            title: t('webhooks.cols.lastError'),
            key: 'error',
            ellipsis: { showTitle: false },
            render: (_, d) =>
              d.lastError ? (
                <Tooltip title={d.lastError}>
                  <Typography.Text type="danger">{d.lastError}</Typography.Text>
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'actions',
            width: 180,
            fixed: 'end',
            render: (_, d) => (
              <Space>
                <Button size="small" onClick={() => setOpen(d)}>
                  {t('webhooks.details')}
                </Button>
                {d.status === 'failed' && d.body !== '' && (
                  <Popconfirm
                    title={t('webhooks.retry')}
                    description={<div style={{ maxWidth: 320 }}>{t('webhooks.retryConfirm')}</div>}
                    onConfirm={() => retry(d)}
                  >
                    <Button size="small" type="primary" ghost loading={retrying === d.id}>
                      {t('webhooks.retry')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {nextCursor && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button loading={loading} onClick={() => void load(nextCursor)}>
            {t('webhooks.loadMore')}
          </Button>
        </div>
      )}
      <WebhookDeliveryDrawer delivery={open} onClose={() => setOpen(null)} />
    </>
  );
}
