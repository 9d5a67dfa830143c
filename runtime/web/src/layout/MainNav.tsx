import { AppstoreOutlined, InboxOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { linkProps, usePathname } from '../router/router';
import { matchRoute, paths } from '../router/routes';
import { inboxCountsValue } from '../tasks/inbox-counts';

/** The header's navigation: my apps, and the inbox with the number of tasks to do. */
export function MainNav() {
  const { t } = useTranslation();
  const route = matchRoute(usePathname());
  const todo = inboxCountsValue.use()?.todo ?? 0;
  const inInbox = route.name === 'inbox' || route.name === 'task' || route.name === 'instance';
  const inApps = route.name === 'home' || route.name === 'app' || route.name === 'form' || route.name === 'record';
  return (
    <nav className="fl-nav" aria-label={t('appName')}>
      <a className={inApps ? 'fl-nav-item fl-nav-active' : 'fl-nav-item'} {...linkProps(paths.home())}>
        <AppstoreOutlined /> {t('home.title')}
      </a>
      <a
        className={inInbox ? 'fl-nav-item fl-nav-active' : 'fl-nav-item'}
        data-testid="nav-inbox"
        {...linkProps(paths.inbox())}
      >
        <InboxOutlined /> {t('tasks.nav')}
        <Badge count={todo} size="small" overflowCount={99} style={{ marginLeft: 6 }} />
      </a>
    </nav>
  );
}
