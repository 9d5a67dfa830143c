import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { FlowList } from '../flows/FlowList.js';
import type { Route } from '../use-hash-route.js';
import { FormList } from './FormList.js';

interface Props {
  appId: string;
  tab: 'forms' | 'flows';
  navigate: (route: Route) => void;
}

/** An app: its forms and its flows (approval processes and automations) in two tabs. */
export function AppHome({ appId, tab, navigate }: Props) {
  const { t } = useTranslation();
  return (
    <Tabs
      activeKey={tab}
      centered
      onChange={(key) => navigate({ page: 'app', appId, tab: key === 'flows' ? 'flows' : 'forms' })}
      style={{ marginTop: 8 }}
      items={[
        { key: 'forms', label: t('flows.formsTab'), children: <FormList appId={appId} navigate={navigate} /> },
        { key: 'flows', label: t('flows.tab'), children: <FlowList appId={appId} navigate={navigate} /> },
      ]}
    />
  );
}
