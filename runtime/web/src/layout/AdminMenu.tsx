import { ApiOutlined, MailOutlined, NodeIndexOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useManagedApps } from '../admin/use-managed-apps';
import { useIsAdmin } from '../auth/use-is-admin';
import { navigate } from '../router/router';
import { paths } from '../router/routes';

/**
 * Admins and app managers: the flow executions and webhook screens (scoped to the apps they
 * manage); admins also the e-mail outbox.
 */
export function AdminMenu() {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  const managed = useManagedApps();
  if (!admin && managed.apps.length === 0) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: paths.adminFlows(), icon: <NodeIndexOutlined />, label: t('admin.flows.title') },
          { key: paths.adminWebhooks(), icon: <ApiOutlined />, label: t('webhooks.title', { ns: 'admin' }) },
          ...(admin ? [{ key: paths.adminOutbox(), icon: <MailOutlined />, label: t('admin.outbox.title') }] : []),
        ],
        onClick: ({ key }) => navigate(key),
      }}
    >
      <Button type="text" icon={<SettingOutlined />} data-testid="admin-menu">
        {t('admin.menu')}
      </Button>
    </Dropdown>
  );
}
