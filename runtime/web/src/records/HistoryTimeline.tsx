import { Alert, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordHistory } from '../api/endpoints';
import type { FormDefinition } from '../api/types';
import { useAsync } from '../api/use-async';
import { useAuth } from '../auth/auth-context';
import { FieldValue } from '../form-renderer/index';
import { usePeople } from './comments/use-people';
import { useErrorText } from '../api/use-error-text';

const ACTION_KEYS: Record<string, 'created' | 'updated' | 'deleted' | 'restored'> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
  restore: 'restored',
};

/** Who changed the record when, newest first, with each changed field's old → new value. */
export function HistoryTimeline(props: {
  formId: string;
  recordId: string;
  definition: FormDefinition;
  version: number;
}) {
  const { formId, recordId, definition, version } = props;
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { user } = useAuth();
  const history = useAsync(() => recordHistory(formId, recordId), [formId, recordId, version]);
  // Names from the people directory; users it no longer lists (disabled) are "another user".
  const people = usePeople(history.data?.items.map((entry) => entry.by) ?? []);
  const nameOf = (id: string | null) => {
    if (id !== null && id === user?.id) return user.displayName || user.username;
    const person = id === null ? undefined : people.get(id);
    return person ? person.displayName || person.username : t('record.someone');
  };
  if (history.error) return <Alert type="error" showIcon title={errorText(history.error)} />;
  if (!history.data) return <Spin />;
  const items = [...history.data.items].reverse();
  return (
    <Timeline
      items={items.map((entry) => {
        const key = ACTION_KEYS[entry.action] ?? 'updated';
        return {
          key: entry.id,
          content: (
            <div data-testid="history-entry">
              <Typography.Text strong>{t(`record.${key}`, { by: nameOf(entry.by) })}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {new Date(entry.at).toLocaleString()} · {t('record.version', { version: entry.version })}
              </Typography.Text>
              {key !== 'created' && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {entry.changes.map((change) => {
                    const meta = definition.fields[change.field];
                    return (
                      <li key={change.field}>
                        {meta?.label ?? change.field}: <FieldValue meta={meta} value={change.from} /> →{' '}
                        <FieldValue meta={meta} value={change.to} />
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
