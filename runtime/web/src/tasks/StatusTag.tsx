import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  pending: 'processing',
  queued: 'default',
  running: 'processing',
  approved: 'success',
  submitted: 'success',
  rejected: 'error',
  failed: 'error',
  returned: 'warning',
  transferred: 'cyan',
  withdrawn: 'default',
  cancelled: 'default',
  ended: 'default',
  skipped: 'default',
  cc: 'purple',
};

/** A task or instance status as a coloured tag in the user's language. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-status={status}>
      {t(`tasks.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
