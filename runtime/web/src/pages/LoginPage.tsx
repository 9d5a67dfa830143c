import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/auth-context';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { errorLanguage, signInFailedMessage } from '../api/error-messages';

interface Credentials {
  username: string;
  password: string;
}

/** Username and password; the server's error (wrong password, rate limit) is shown as it comes. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { signIn } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Credentials) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status !== 0
          ? signInFailedMessage(e, errorLanguage(i18n.language))
          : t('errors.network'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="fl-login">
      <div className="fl-login-language">
        <LanguageSwitch />
      </div>
      <Card className="fl-login-card">
        <Typography.Title level={3}>{t('login.title')}</Typography.Title>
        {error !== null && <Alert className="fl-login-error" type="error" showIcon title={error} />}
        <Form<Credentials> layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
