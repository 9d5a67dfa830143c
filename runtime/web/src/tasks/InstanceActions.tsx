import { BellOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../api/use-error-text';
import { useAuth } from '../auth/auth-context';
import { inboxCountsValue } from './inbox-counts';
import { urgeInstance, withdrawInstance, type InstanceState } from './tasks-api';

/** Withdraw (the initiator, before anyone acted) and urge (initiator or managers, rate limited). */
export function InstanceActions({ state, onChanged }: { state: InstanceState; onChanged(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<'withdraw' | 'urge' | null>(null);
  const { user } = useAuth();
  // Urging only oneself says nothing.
  const urgesOthers = state.waitingOn.some((w) => w.assigneeId !== user?.id);

  const run = async (what: 'withdraw' | 'urge') => {
    setBusy(what);
    try {
      if (what === 'withdraw') {
        await withdrawInstance(state.id);
        void message.success(t('tasks.done.withdraw'));
      } else {
        const { notified } = await urgeInstance(state.id);
        void message.success(t('tasks.done.urge', { count: notified.length }));
      }
      inboxCountsValue.refresh();
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {state.canUrge && urgesOthers && (
        <Button icon={<BellOutlined />} loading={busy === 'urge'} onClick={() => void run('urge')}>
          {t('tasks.actions.urge')}
        </Button>
      )}
      {state.canWithdraw && (
        <Popconfirm
          title={t('tasks.dialog.withdrawConfirm')}
          okText={t('tasks.dialog.ok')}
          cancelText={t('tasks.dialog.cancel')}
          onConfirm={() => run('withdraw')}
        >
          <Button danger icon={<RollbackOutlined />} loading={busy === 'withdraw'}>
            {t('tasks.actions.withdraw')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
