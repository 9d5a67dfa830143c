import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.js';
import { errorLanguage, signInFailedMessage } from '@formloom/web/error-messages';

interface Props {
  onSignedIn: () => void;
}

/** Shown when there is no session cookie yet: POST /api/auth/login sets it for the designer and the player. */
export function LoginForm({ onSignedIn }: Props) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await client.login(values.username, values.password);
      onSignedIn();
    } catch (e) {
      setError(t('login.failed', { message: signInFailedMessage(e, errorLanguage(i18n.language)) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('login.title')} style={{ maxWidth: 380, margin: '80px auto' }}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('login.submit')}
        </Button>
      </Form>
    </Card>
  );
}
