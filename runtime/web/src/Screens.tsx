import { Result } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth/auth-context';
import { ExecutionsPage } from './admin/ExecutionsPage';
import { MailOutboxPage } from './admin/MailOutboxPage';
import { WebhooksPage } from './admin/WebhooksPage';
import { AppLayout } from './layout/AppLayout';
import { AppPage } from './pages/AppPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { PublicFormPage } from './public-form/PublicFormPage';
import { navigate, usePathname } from './router/router';
import { matchRoute, paths } from './router/routes';
import { InboxPage } from './tasks/InboxPage';
import { InstancePage } from './tasks/InstancePage';
import { TaskPage } from './tasks/TaskPage';

/** Picks the screen for the current path; everything but the login page and public links needs a user. */
export function Screens() {
  const { user } = useAuth();
  const pathname = usePathname();
  const route = matchRoute(pathname);
  const { t } = useTranslation();

  useEffect(() => {
    if (route.name === 'public') return;
    if (user === null && route.name !== 'login') navigate(paths.login(), { replace: true });
    if (user !== null && route.name === 'login') navigate(paths.home(), { replace: true });
  }, [user, route.name]);

  if (route.name === 'public') return <PublicFormPage token={route.token} />;
  if (user === null || route.name === 'login') return <LoginPage />;
  return (
    <AppLayout>
      {route.name === 'home' && <HomePage />}
      {(route.name === 'app' || route.name === 'form' || route.name === 'record') && <AppPage route={route} />}
      {route.name === 'inbox' && <InboxPage box={route.box} />}
      {route.name === 'task' && <TaskPage key={route.taskId} taskId={route.taskId} />}
      {route.name === 'instance' && <InstancePage key={route.instanceId} instanceId={route.instanceId} />}
      {route.name === 'adminOutbox' && <MailOutboxPage />}
      {route.name === 'adminFlows' && <ExecutionsPage />}
      {route.name === 'adminWebhooks' && <WebhooksPage />}
      {route.name === 'notFound' && <Result status="404" title="404" subTitle={t('record.notFound')} />}
    </AppLayout>
  );
}
