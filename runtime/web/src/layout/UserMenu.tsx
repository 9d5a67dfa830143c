import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth-context';

/** The signed-in user's name with a menu holding "sign out". */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  if (user === null) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') }],
        onClick: ({ key }) => key === 'logout' && void signOut(),
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} /> {user.displayName || user.username}
      </Button>
    </Dropdown>
  );
}
