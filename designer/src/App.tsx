import { App as AntApp, Button, ConfigProvider, Layout, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AppList } from './apps/AppList.js';
import { AppHome } from './apps/AppHome.js';
import { LoginForm } from './auth/LoginForm.js';
import { useSession } from './auth/use-session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { useHashRoute } from './use-hash-route.js';

// The two editors load on demand: opening one does not parse the other (the flow editor's first paint matters, issue 5).
const FormDesignerPage = lazy(() =>
  import('./designer/FormDesignerPage.js').then((m) => ({ default: m.FormDesignerPage })),
);
const FlowEditorPage = lazy(() => import('./flows/FlowEditorPage.js').then((m) => ({ default: m.FlowEditorPage })));

/** The designer shell: locale, session gate, header and the page for the current route. */
export function App() {
  const { t, i18n } = useTranslation();
  const { state, refresh, logout } = useSession();
  const [route, navigate] = useHashRoute();

  let body;
  if (state.status === 'loading') body = <Spin style={{ margin: 80 }} />;
  else if (state.status === 'signedOut') body = <LoginForm onSignedIn={() => void refresh()} />;
  else if (route.page === 'app') body = <AppHome appId={route.appId} tab={route.tab ?? 'forms'} navigate={navigate} />;
  else if (route.page === 'form') body = <FormDesignerPage formId={route.formId} navigate={navigate} />;
  else if (route.page === 'flow')
    body = <FlowEditorPage key={route.flowId} flowId={route.flowId} navigate={navigate} />;
  else body = <AppList navigate={navigate} />;

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCNLocale}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#001529' }}
          >
            <Typography.Link href="#/" style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
              {t('app.title')}
            </Typography.Link>
            <Space>
              <LanguageSwitch />
              {state.status === 'signedIn' && (
                <>
                  <Typography.Text style={{ color: '#ddd' }}>
                    {state.user.displayName ?? state.user.username}
                  </Typography.Text>
                  <Button size="small" onClick={() => void logout()}>
                    {t('app.logout')}
                  </Button>
                </>
              )}
            </Space>
          </Layout.Header>
          <Layout.Content>
            <Suspense fallback={<Spin style={{ margin: 80 }} />}>{body}</Suspense>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
