import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusLabel, type StatusOf } from './status-words';

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

/** A task's or an instance's status as a coloured tag in the user's language (see status-words.ts). */
export function StatusTag({ status, of }: { status: string; of: StatusOf }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-status={status}>
      {statusLabel(of, status, t)}
    </Tag>
  );
}
