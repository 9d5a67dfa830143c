import { AppstoreOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Empty, Input, List, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.js';
import type { AppSummary } from '../api/types.js';
import type { Route } from '../use-hash-route.js';

interface Props {
  navigate: (route: Route) => void;
}

/** The app home: apps the user can see, and a box to create one. */
export function AppList({ navigate }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [apps, setApps] = useState<AppSummary[] | null>(null);
  const [name, setName] = useState('');

  const load = useCallback(async () => setApps(await client.listApps()), []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const created = await client.createApp(trimmed);
    setName('');
    void message.success(t('apps.created'));
    navigate({ page: 'app', appId: created.id });
  };

  return (
    <Card title={t('apps.title')} style={{ maxWidth: 760, margin: '24px auto' }}>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          placeholder={t('apps.name')}
          aria-label={t('apps.name')}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void create()}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void create()}>
          {t('apps.create')}
        </Button>
      </Space.Compact>
      {apps && apps.length === 0 ? (
        <Empty description={t('apps.empty')} />
      ) : (
        <List
          loading={apps === null}
          dataSource={apps ?? []}
          rowKey="id"
          renderItem={(app) => (
            <List.Item
              actions={[
                <Button key="open" type="link" onClick={() => navigate({ page: 'app', appId: app.id })}>
                  {t('apps.open')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                avatar={<AppstoreOutlined style={{ fontSize: 22, color: '#1677ff' }} />}
                title={<Typography.Link href={`#/apps/${encodeURIComponent(app.id)}`}>{app.name}</Typography.Link>}
                description={app.description}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
