import { App as AntApp, Button, Card, ConfigProvider, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import i18next from 'i18next';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { FormRenderer, type FormValues } from '../index';
import { workbenchForm } from './workbench-forms';

/**
 * A development page (served by `vite` at /src/form-renderer/dev/) that renders the sample
 * forms with the renderer alone, for screenshots and by-hand checks: `?lang=zh-CN|en&form=order`.
 * Not part of the built player.
 */
const params = new URLSearchParams(window.location.search);
const language = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const form = workbenchForm(params.get('form') ?? 'order', language);
void i18next.use(initReactI18next).init({ lng: language, resources: {}, interpolation: { escapeValue: false } });

function Workbench() {
  const [values, setValues] = useState<FormValues>({});
  return (
    <div style={{ maxWidth: 760, margin: '24px auto' }}>
      <Card title={form.title}>
        <FormRenderer definition={form.definition} formData={values} onChange={setValues}>
          {/* Runs client validation, so error messages can be looked at. */}
          <Button htmlType="submit">{language === 'en' ? 'Check' : '校验'}</Button>
        </FormRenderer>
      </Card>
      <Typography.Paragraph code data-testid="values" style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
        {JSON.stringify(values)}
      </Typography.Paragraph>
    </div>
  );
}

const root = document.getElementById('root');
if (root !== null)
  createRoot(root).render(
    <StrictMode>
      <ConfigProvider locale={language === 'en' ? enUS : zhCN}>
        <AntApp>
          <Workbench />
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
