import { EyeInvisibleOutlined, EyeOutlined, KeyOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../api/use-async';
import { useErrorText } from '../api/use-error-text';
import { TextBlock } from './TextBlock';
import { maskSecret } from './webhook-format';
import { rotateWebhookSecret, webhookSecret, type WebhookSecret } from './webhooks-api';

const VERIFY_SAMPLE = `// Node.js: rawBody is the request body exactly as received
const { createHmac, timingSafeEqual } = require('node:crypto');
const header = req.headers['x-formloom-signature']; // "t=1700000000,v1=5f2c…"
const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('=')));
const expected = createHmac('sha256', SECRET).update(\`\${t}.\${rawBody}\`).digest('hex');
const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= 300;
const valid = fresh && v1?.length === expected.length &&
  timingSafeEqual(Buffer.from(expected), Buffer.from(v1));`;

/** The flow's signing secret: masked, shown or copied on request, rotated after a confirmation. */
export function WebhookSecretPanel({ flowId }: { flowId: string }) {
  const { t, i18n } = useTranslation('admin');
  const errorText = useErrorText();
  const { message } = App.useApp();
  const loaded = useAsync(() => webhookSecret(flowId), [flowId]);
  const [rotated, setRotated] = useState<WebhookSecret | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [rotating, setRotating] = useState(false);
  const secret = rotated?.flowId === flowId ? rotated : loaded.data;
  const time = (at: string | null) => (at ? new Date(at).toLocaleString(i18n.language) : t('secret.never'));

  const rotate = async () => {
    setRotating(true);
    try {
      setRotated(await rotateWebhookSecret(flowId));
      setRevealed(true);
      void message.success(t('secret.rotatedNow'));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setRotating(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {loaded.error && <Alert type="error" showIcon title={errorText(loaded.error)} />}
      <Card
        size="small"
        loading={loaded.loading && !secret}
        title={
          <span>
            <KeyOutlined /> {t('secret.title')}
          </span>
        }
        extra={
          <Popconfirm
            title={t('secret.rotateTitle')}
            description={<div style={{ maxWidth: 360 }}>{t('secret.rotateConfirm')}</div>}
            okText={t('secret.rotateOk')}
            okButtonProps={{ danger: true }}
            onConfirm={rotate}
          >
            <Button danger icon={<SyncOutlined />} loading={rotating} disabled={!secret} data-testid="secret-rotate">
              {t('secret.rotate')}
            </Button>
          </Popconfirm>
        }
      >
        <Typography.Paragraph type="secondary">{t('secret.hint')}</Typography.Paragraph>
        {secret && (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Typography.Text code data-testid="secret-value" style={{ fontSize: 14 }}>
                {revealed ? secret.secret : maskSecret(secret.secret)}
              </Typography.Text>
              <Button
                size="small"
                icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                onClick={() => setRevealed((v) => !v)}
                data-testid="secret-reveal"
              >
                {revealed ? t('secret.hide') : t('secret.reveal')}
              </Button>
              <Typography.Text
                copyable={{ text: secret.secret, tooltips: [t('secret.copy'), t('secret.copied')] }}
                data-testid="secret-copy"
              />
            </Space>
            <Descriptions
              size="small"
              column={2}
              items={[
                { key: 'created', label: t('secret.created'), children: time(secret.createdAt) },
                { key: 'rotated', label: t('secret.rotated'), children: time(secret.rotatedAt) },
              ]}
            />
          </>
        )}
      </Card>
      <Card size="small" title={t('secret.verifyTitle')}>
        <ol style={{ paddingInlineStart: 20, marginTop: 0 }}>
          {(['s1', 's2', 's3', 's4'] as const).map((step) => (
            <li key={step}>
              <Typography.Text>{t(`secret.verifySteps.${step}`)}</Typography.Text>
            </li>
          ))}
        </ol>
        <TextBlock text={VERIFY_SAMPLE} />
      </Card>
    </Space>
  );
}
