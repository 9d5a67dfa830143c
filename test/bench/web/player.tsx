import { FormRenderer, PLAYER_THEME, type FormValues } from '@formloom/web/form-renderer';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import i18next from 'i18next';
import { useState } from 'react';
import { initReactI18next } from 'react-i18next';
import { largeForm } from './large-form';
import { mountMeasured } from './bench-page';
// The player's build-time antd styles, imported as runtime/web/src/main.tsx does.
import 'virtual:antd-static-styles.css';

/** The 200-field form in the player's FormRenderer, controlled the way the player's form page holds it, with the player's theme. */
const form = largeForm();
void i18next.use(initReactI18next).init({ lng: 'en', resources: {}, interpolation: { escapeValue: false } });

function PlayerForm() {
  const [values, setValues] = useState<FormValues>({});
  return <FormRenderer definition={form.definition} formData={values} onChange={setValues} newRecord={false} />;
}

void mountMeasured(
  <ConfigProvider locale={enUS} theme={PLAYER_THEME}>
    <div style={{ maxWidth: 760, margin: '24px auto' }}>
      <PlayerForm />
    </div>
  </ConfigProvider>,
  `root_${form.lastKey}`,
);
