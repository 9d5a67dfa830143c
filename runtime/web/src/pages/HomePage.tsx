import { AppstoreOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { listApps } from '../api/endpoints';
import { useAsync } from '../api/use-async';
import { navigate } from '../router/router';
import { paths } from '../router/routes';
import { useErrorText } from '../api/use-error-text';

/** The apps the user is a member of, as cards. */
export function HomePage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const apps = useAsync(listApps, []);
  return (
    <div className="fl-content">
      <Typography.Title level={3}>{t('home.title')}</Typography.Title>
      {apps.error && <Alert type="error" showIcon title={errorText(apps.error)} />}
      {apps.loading && !apps.data && <Spin />}
      {apps.data?.items.length === 0 && <Empty description={t('home.empty')} />}
      <Row gutter={[16, 16]}>
        {apps.data?.items.map((app) => (
          <Col key={app.id} xs={24} sm={12} md={8} lg={6}>
            <Card hoverable onClick={() => navigate(paths.app(app.id))} data-testid="app-card">
              <Card.Meta
                avatar={<AppstoreOutlined style={{ fontSize: 28, color: '#1677ff' }} />}
                title={app.name}
                description={app.description || ' '}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
