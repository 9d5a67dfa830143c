import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from './webhooks-api';

const COLORS: Record<DeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };

/** A webhook delivery's status as a coloured tag in the user's language. */
export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('admin');
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`webhooks.status.${status}`)}
    </Tag>
  );
}
