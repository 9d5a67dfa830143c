import { ArrowLeftOutlined, FormOutlined } from '@ant-design/icons';
import { Alert, Empty, Layout, Menu, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { getApp, listForms } from '../api/endpoints';
import { useAsync } from '../api/use-async';
import { navigate } from '../router/router';
import { paths, type Route } from '../router/routes';
import { FormPage } from './FormPage';
import { RecordPage } from '../records/RecordPage';
import { useErrorText } from '../api/use-error-text';

type AppRoute = Extract<Route, { name: 'app' | 'form' | 'record' }>;

/** An app: its forms in a menu on the left, the chosen form (or record) on the right. */
export function AppPage({ route }: { route: AppRoute }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const app = useAsync(() => getApp(route.appId), [route.appId]);
  const forms = useAsync(() => listForms(route.appId), [route.appId]);
  const selected = route.name === 'app' ? undefined : route.formId;
  const form = forms.data?.items.find((f) => f.id === selected);

  return (
    <Layout>
      <Layout.Sider width={240} className="fl-app-sider" theme="light">
        <div className="fl-app-title">
          <a onClick={() => navigate(paths.home())} aria-label={t('app.back')}>
            <ArrowLeftOutlined />
          </a>{' '}
          {app.data?.name}
        </div>
        {forms.loading && !forms.data && <Spin />}
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          onClick={({ key }) => navigate(paths.form(route.appId, key))}
          items={forms.data?.items.map((f) => ({
            key: f.id,
            icon: <FormOutlined />,
            label: (
              <span>
                {f.name} {f.publishedVersion === null && <Tag>{t('app.notPublished')}</Tag>}
              </span>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout.Content className="fl-app-main">
        {(app.error ?? forms.error) && <Alert type="error" showIcon title={errorText(app.error ?? forms.error)} />}
        {forms.data?.items.length === 0 && <Empty description={t('app.noForms')} />}
        {route.name === 'app' && (forms.data?.items.length ?? 0) > 0 && <Empty description={t('app.pickForm')} />}
        {route.name === 'form' && form && <FormPage appId={route.appId} form={form} tab={route.tab} />}
        {route.name === 'record' && form && (
          <RecordPage appId={route.appId} formId={form.id} formName={form.name} recordId={route.recordId} />
        )}
      </Layout.Content>
    </Layout>
  );
}
