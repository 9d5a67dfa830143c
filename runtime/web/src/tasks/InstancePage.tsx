import { ArrowLeftOutlined, ExportOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../api/use-async';
import { linkProps } from '../router/router';
import { paths } from '../router/routes';
import { FlowProgress } from './FlowProgress';
import { getInstance } from './tasks-api';

/** One flow instance (linked from "started by me" and from notifications): its progress and diagram. */
export function InstancePage({ instanceId }: { instanceId: string }) {
  const { t } = useTranslation();
  const state = useAsync(() => getInstance(instanceId), [instanceId]);
  const s = state.data;
  return (
    <div className="fl-page">
      <Space>
        <Button icon={<ArrowLeftOutlined />} {...linkProps(paths.inbox('initiated'))}>
          {t('tasks.page.back')}
        </Button>
      </Space>
      <Typography.Title level={3} style={{ margin: '12px 0 16px' }}>
        {s?.title ?? t('tasks.flow.instance')}
      </Typography.Title>
      <Card
        title={t('tasks.flow.title')}
        extra={
          s?.formId &&
          s.recordId && (
            <a {...linkProps(paths.record(s.appId, s.formId, s.recordId))}>
              <ExportOutlined /> {t('tasks.page.openRecord')}
            </a>
          )
        }
      >
        <FlowProgress instanceId={instanceId} />
      </Card>
    </div>
  );
}
