import { MailOutlined, NodeIndexOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsAdmin } from '../auth/use-is-admin';
import { navigate } from '../router/router';
import { paths } from '../router/routes';

/** Admins only: the e-mail outbox and the flow executions screens. */
export function AdminMenu() {
  const { t } = useTranslation();
  const admin = useIsAdmin();
  if (!admin) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: paths.adminFlows(), icon: <NodeIndexOutlined />, label: t('admin.flows.title') },
          { key: paths.adminOutbox(), icon: <MailOutlined />, label: t('admin.outbox.title') },
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
