import { ApiOutlined } from '@ant-design/icons';
import { Alert, Empty, Select, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../api/use-async';
import { useErrorText } from '../api/use-error-text';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { AppScopeSelect } from './AppScopeSelect';
import { useManagedApps } from './use-managed-apps';
import { WebhookDeliveryTable } from './WebhookDeliveryTable';
import { WebhookSecretPanel } from './WebhookSecretPanel';
import { appFlows, flowAppId } from './webhooks-api';

type Tab = 'deliveries' | 'secret';

/** `?app=&flow=&tab=` of the page, so a view can be linked and survives a reload. */
function readSearch(): { app: string; flow: string; tab: Tab } {
  const search = new URLSearchParams(window.location.search);
  return {
    app: search.get('app') ?? '',
    flow: search.get('flow') ?? '',
    tab: search.get('tab') === 'secret' ? 'secret' : 'deliveries',
  };
}

/**
 * Managers of an app (and admins): per flow, the webhook delivery log and the signing secret.
 * Deliveries and secrets belong to a flow, so the page picks an app, then one of its flows.
 */
export function WebhooksPage() {
  const { t } = useTranslation('admin');
  const errorText = useErrorText();
  const managed = useManagedApps();
  const [initial] = useState(readSearch);
  const [appId, setAppId] = useState(initial.app);
  const [flowId, setFlowId] = useState(initial.flow);
  const [tab, setTab] = useState<Tab>(initial.tab);
  // A link that names only the flow (the designer's): find its app first.
  const [resolvingApp, setResolvingApp] = useState(initial.flow !== '' && initial.app === '');
  const flows = useAsync(() => (appId ? appFlows(appId) : Promise.resolve({ items: [] })), [appId]);

  useEffect(() => {
    if (!resolvingApp) return;
    flowAppId(initial.flow)
      .then(setAppId, () => undefined)
      .finally(() => setResolvingApp(false));
  }, []);
  // Default to the first managed app, and to the app's first flow.
  useEffect(() => {
    if (resolvingApp || managed.loading) return;
    if (!managed.apps.some((app) => app.id === appId)) setAppId(managed.apps[0]?.id ?? '');
  }, [resolvingApp, managed.loading, managed.apps, appId]);
  // The list of the app now chosen (the previous app's list stays in `flows.data` while the next one loads).
  const flowItems = (flows.data?.items ?? []).filter((flow) => flow.appId === appId);
  const flowsReady = !flows.loading && flows.data !== undefined;
  useEffect(() => {
    if (!flowsReady || flowItems.some((flow) => flow.id === flowId)) return;
    setFlowId(flowItems[0]?.id ?? '');
  }, [flowsReady, flows.data, flowId]);
  useEffect(() => {
    if (!appId) return;
    const search = new URLSearchParams({ app: appId, ...(flowId ? { flow: flowId } : {}), tab });
    navigate(`${paths.adminWebhooks()}?${search.toString()}`, { replace: true });
  }, [appId, flowId, tab]);

  return (
    <div className="fl-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <ApiOutlined /> {t('webhooks.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('webhooks.hint')}</Typography.Paragraph>
      <div className="fl-inbox-toolbar">
        <AppScopeSelect
          apps={managed.apps}
          loading={managed.loading}
          value={appId}
          allowAll={false}
          onChange={(next) => {
            setAppId(next);
            setFlowId('');
          }}
        />
        <Select
          data-testid="webhook-flow"
          aria-label={t('webhooks.flow')}
          prefix={`${t('webhooks.flow')}:`}
          style={{ minWidth: 280 }}
          placeholder={t('webhooks.pickFlow')}
          loading={flows.loading}
          value={flowId || undefined}
          onChange={setFlowId}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={t('webhooks.noFlows')}
          options={flowItems.map((flow) => ({ value: flow.id, label: flow.name }))}
          optionRender={(option) => {
            const flow = flowItems.find((f) => f.id === option.value);
            return (
              <span>
                {option.label} {flow?.publishedVersion != null && <Tag bordered={false}>v{flow.publishedVersion}</Tag>}
              </span>
            );
          }}
        />
      </div>
      {flows.error && <Alert type="error" showIcon title={errorText(flows.error)} style={{ marginBottom: 12 }} />}
      {!managed.loading && managed.apps.length === 0 && <Empty description={t('scope.noApps')} />}
      {appId && flowsReady && flowItems.length === 0 && <Empty description={t('webhooks.noFlows')} />}
      {flowId && (
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key === 'secret' ? 'secret' : 'deliveries')}
          destroyOnHidden
          items={[
            {
              key: 'deliveries',
              label: t('webhooks.tabs.deliveries'),
              children: <WebhookDeliveryTable key={flowId} flowId={flowId} />,
            },
            {
              key: 'secret',
              label: t('webhooks.tabs.secret'),
              children: <WebhookSecretPanel key={flowId} flowId={flowId} />,
            },
          ]}
        />
      )}
    </div>
  );
}
