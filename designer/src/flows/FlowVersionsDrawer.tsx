import { Button, Drawer, Empty, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowApi, type FlowVersionSummary } from './flow-api.js';

interface Props {
  open: boolean;
  onClose: () => void;
  flowId: string;
  /** Reloads when this changes (a new publish). */
  publishedVersion: number | null;
  userName: (id: string) => string;
  onOpenVersion: (version: number) => void;
}

/** Published versions, newest first, with how many instances still run on each; any can be opened read-only. */
export function FlowVersionsDrawer({ open, onClose, flowId, publishedVersion, userName, onOpenVersion }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<FlowVersionSummary[] | null>(null);
  useEffect(() => {
    if (open) void flowApi.versions(flowId).then(setItems);
  }, [open, flowId, publishedVersion]);
  return (
    <Drawer title={t('flows.versions.title')} open={open} onClose={onClose} size={380} data-testid="flow-versions">
      {items && items.length === 0 && <Empty description={t('flows.versions.empty')} />}
      {items && items.length > 0 && (
        <List
          dataSource={items}
          renderItem={(item, i) => (
            <List.Item
              data-testid={`flow-version-${item.version}`}
              actions={[
                <Button key="open" size="small" onClick={() => onOpenVersion(item.version)}>
                  {t('flows.versions.open')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {t('flows.versions.version', { version: item.version })}{' '}
                    {i === 0 && <Tag color="blue">{t('flows.versions.current')}</Tag>}
                    <Tag color={item.runningInstances > 0 ? 'green' : 'default'}>
                      {t('flows.versions.running', { count: item.runningInstances })}
                    </Tag>
                  </span>
                }
                description={
                  <Typography.Text type="secondary">
                    {t('flows.versions.publishedAt', { time: new Date(item.publishedAt).toLocaleString() })}
                    {item.publishedBy ? ` · ${userName(item.publishedBy)}` : ''}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
