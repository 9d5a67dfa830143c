import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { App, ConfigProvider, Tooltip, type ThemeConfig } from 'antd';
import i18next from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { FormRenderer } from '../FormRenderer';
import { styleSampleForms } from './style-sample-forms';

/**
 * Build time only (Node, through Vite's SSR loader; see runtime/web/build/antd-static-styles.ts):
 * renders the sample forms (a form per field kind) with the given theme and returns the antd
 * component styles they registered as plain CSS, ending with antd's cache-path marker rule
 * (`.data-ant-cssinjs-cache-path{content:"…"}`). Loaded as a stylesheet in the page, the
 * marker tells antd's runtime (@ant-design/cssinjs `useStyleRegister`) that those styles are
 * already there, so it neither generates nor injects them. Only `style` entries: theme tokens
 * and component tokens are CSS variables antd always writes at run time.
 * Run with NODE_ENV=production: the style hash (`css-…` vs `css-dev-only-…`) must match the
 * bundle's.
 */
export function extractAntdStyles(theme: ThemeConfig): string {
  const cache = createCache();
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'en', resources: {}, initAsync: false });
  renderToString(
    <I18nextProvider i18n={i18n}>
      <StyleProvider cache={cache}>
        <ConfigProvider theme={theme}>
          <App>
            {styleSampleForms().map((sample, i) => (
              <FormRenderer
                key={i}
                definition={sample.definition}
                formData={sample.formData}
                newRecord={false}
                user={{ id: 'u_sample', deptIds: [] }}
              />
            ))}
            {/* Drawn only after an effect (OrgWidget when the directory cannot be reached). */}
            <Tooltip title="-">
              <span />
            </Tooltip>
          </App>
        </ConfigProvider>
      </StyleProvider>
    </I18nextProvider>,
  );
  return extractStyle(cache, { plain: true, types: ['style'] });
}
