import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotificationBell } from '../bell/NotificationBell';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { linkProps } from '../router/router';
import { paths } from '../router/routes';
import { AdminMenu } from './AdminMenu';
import { MainNav } from './MainNav';
import { UserMenu } from './UserMenu';

/** The signed-in frame: top bar (app name, navigation, bell, admin menu, language, user menu) over the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout className="fl-shell">
      <header className="fl-header">
        <a className="fl-brand" {...linkProps(paths.home())}>
          {t('appName')}
        </a>
        <MainNav />
        <span className="fl-header-spacer" />
        <NotificationBell />
        <AdminMenu />
        <LanguageSwitch />
        <UserMenu />
      </header>
      <Layout.Content>{children}</Layout.Content>
    </Layout>
  );
}
