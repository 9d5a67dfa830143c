import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from './auth/AuthProvider';
import { Screens } from './Screens';

/** Providers: antd in the user's language, antd's message/modal context, the signed-in user. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <AuthProvider>
          <Screens />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
