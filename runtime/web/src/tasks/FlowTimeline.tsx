import { Space, Timeline, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../records/comments/use-people';
import { isOverdue } from './due';
import { timelineRows, type TimelineRow } from './flow-progress';
import { instanceStatusWord } from './status-words';
import { signatureUrl, type InstanceState } from './tasks-api';
import { peopleIn, serverText, stepName } from '../i18n/server-text';

/**
 * What happened in an instance, in order — who acted at which step and when, with comments and
 * signatures — and, last, who it is waiting on (with the due time).
 */
export function FlowTimeline({ state }: { state: InstanceState }) {
  const { t, i18n } = useTranslation();
  const rows = useMemo(() => timelineRows(state), [state]);
  const people = usePeople(rows.flatMap((r) => [...r.userIds, ...peopleIn(r.i18n)]));
  const name = (id: string) => {
    const person = people.get(id);
    return person ? person.displayName || person.username : id;
  };
  const when = (at: string | null) =>
    at === null ? null : (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {new Date(at).toLocaleString(i18n.language)}
      </Typography.Text>
    );

  const headline = (row: TimelineRow): string => {
    const who = row.userIds.map(name).join(i18n.language === 'zh-CN' ? '、' : ', ');
    switch (row.kind) {
      case 'started':
        return who ? t('tasks.flow.started', { name: who }) : t('tasks.flow.startedBySystem');
      case 'step':
        return t('tasks.flow.reached', { node: stepName(row.nodeLabel, row.nodeKind, t) });
      case 'action':
        return t('tasks.flow.acted', {
          name: who,
          action: t(`tasks.flow.verbs.${row.action ?? ''}`, { defaultValue: row.action ?? '' }),
        });
      case 'ended':
        return t('tasks.flow.ended', { status: instanceStatusWord(state.status, t) });
      case 'error':
        return t('tasks.flow.error', { message: serverText(row.i18n, row.message, t, i18n, name) });
      case 'timer':
        return `${t('tasks.flow.timer')} · ${serverText(row.i18n, row.message, t, i18n, name)}`;
      case 'waiting':
        return t('tasks.flow.waiting', { names: who });
      default:
        return serverText(row.i18n, row.message, t, i18n, name);
    }
  };

  return (
    <Timeline
      data-testid="flow-timeline"
      items={rows.map((row) => ({
        key: row.key,
        color: row.tone,
        ...(row.kind === 'waiting' ? { loading: true } : {}),
        content: (
          <div data-kind={row.kind}>
            <Space size={6} wrap>
              {(row.nodeLabel || row.nodeKind) && row.kind !== 'step' && (
                <Typography.Text strong>{stepName(row.nodeLabel, row.nodeKind, t)}</Typography.Text>
              )}
              <span>{headline(row)}</span>
            </Space>
            <div>
              {when(row.at)}
              {row.dueAt && (
                <Typography.Text type={isOverdue(row.dueAt) ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {isOverdue(row.dueAt)
                    ? t('tasks.overdue')
                    : t('tasks.dueAt', { time: new Date(row.dueAt).toLocaleString(i18n.language) })}
                </Typography.Text>
              )}
            </div>
            {row.comment && (
              <Typography.Paragraph className="fl-timeline-comment" style={{ margin: '4px 0 0' }}>
                {row.comment}
              </Typography.Paragraph>
            )}
            {row.signatureFileId && (
              <Tooltip title={t('tasks.flow.signature')}>
                <img
                  className="fl-signature-thumb"
                  src={signatureUrl(state.id, row.signatureFileId)}
                  alt={t('tasks.flow.signature')}
                />
              </Tooltip>
            )}
          </div>
        ),
      }))}
    />
  );
}
