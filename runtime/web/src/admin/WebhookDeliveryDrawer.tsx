import { Descriptions, Divider, Drawer, Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { linkProps } from '../router/router';
import { paths } from '../router/routes';
import { DeliveryStatusTag } from './DeliveryStatusTag';
import { TextBlock } from './TextBlock';
import { readableBody } from './webhook-format';
import type { DeliveryAttempt, WebhookDelivery } from './webhooks-api';

interface WebhookDeliveryDrawerProps {
  delivery: WebhookDelivery | null;
  onClose: () => void;
}

/** One delivery: where it went, the request body and each try with the receiver's answer, all as text. */
export function WebhookDeliveryDrawer({ delivery, onClose }: WebhookDeliveryDrawerProps) {
  const { t, i18n } = useTranslation('admin');
  const time = (at: string | null) => (at ? new Date(at).toLocaleString(i18n.language) : '—');
  return (
    <Drawer
      open={delivery !== null}
      size={680}
      title={t('webhooks.drawer.title')}
      onClose={onClose}
      destroyOnHidden
      data-testid="delivery-drawer"
    >
      {delivery && (
        <>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'status',
                label: t('webhooks.cols.status'),
                children: <DeliveryStatusTag status={delivery.status} />,
              },
              {
                key: 'url',
                label: t('webhooks.drawer.url'),
                children: <Typography.Text copyable>{delivery.url}</Typography.Text>,
              },
              {
                key: 'instance',
                label: t('webhooks.cols.instance'),
                children: <a {...linkProps(paths.instance(delivery.instanceId))}>{delivery.instanceId}</a>,
              },
              { key: 'node', label: t('webhooks.drawer.node'), children: delivery.nodeId },
              {
                key: 'key',
                label: t('webhooks.drawer.key'),
                children: <Typography.Text copyable>{delivery.idempotencyKey}</Typography.Text>,
              },
              { key: 'id', label: t('webhooks.drawer.id'), children: delivery.id },
              {
                key: 'headers',
                label: t('webhooks.drawer.headers'),
                children: delivery.headerNames.length
                  ? delivery.headerNames.map((name) => <Tag key={name}>{name}</Tag>)
                  : '—',
              },
              { key: 'created', label: t('webhooks.drawer.created'), children: time(delivery.createdAt) },
              { key: 'delivered', label: t('webhooks.drawer.delivered'), children: time(delivery.deliveredAt) },
              ...(delivery.nextAttemptAt
                ? [{ key: 'next', label: t('webhooks.cols.nextAttempt'), children: time(delivery.nextAttemptAt) }]
                : []),
            ]}
          />
          <Divider titlePlacement="start">{t('webhooks.drawer.body')}</Divider>
          {delivery.body === '' ? (
            <Typography.Text type="danger">{delivery.lastError ?? t('webhooks.noBody')}</Typography.Text>
          ) : (
            <TextBlock text={readableBody(delivery.body)} testId="delivery-body" />
          )}
          <Divider titlePlacement="start">
            {t('webhooks.drawer.attempts')} ({delivery.attempts.length}/{delivery.maxAttempts})
          </Divider>
          {delivery.attempts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('webhooks.drawer.noAttempts')} />
          ) : (
            <Timeline
              items={[...delivery.attempts].reverse().map((attempt) => ({
                key: attempt.attempt,
                color: attempt.error === null ? 'green' : 'red',
                content: <AttemptItem attempt={attempt} />,
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

function AttemptItem({ attempt }: { attempt: DeliveryAttempt }) {
  const { t, i18n } = useTranslation('admin');
  return (
    <div data-testid="delivery-attempt">
      <Typography.Text strong>{t('webhooks.drawer.attempt', { n: attempt.attempt })}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        {new Date(attempt.at).toLocaleString(i18n.language)} ·{' '}
        {t('webhooks.drawer.duration', { ms: attempt.durationMs })}
      </Typography.Text>{' '}
      {attempt.statusCode !== null ? (
        <Tag color={attempt.statusCode < 300 ? 'success' : 'error'}>HTTP {attempt.statusCode}</Tag>
      ) : (
        <Tag>{t('webhooks.drawer.noAnswer')}</Tag>
      )}
      {attempt.error !== null && (
        <div>
          <Typography.Text type="danger">{attempt.error}</Typography.Text>
        </div>
      )}
      {attempt.response !== null && attempt.response !== '' && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('webhooks.drawer.response')}
          </Typography.Text>
          <TextBlock text={attempt.response} maxHeight={160} />
        </div>
      )}
    </div>
  );
}
