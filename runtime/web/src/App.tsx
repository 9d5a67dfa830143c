import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from './auth/AuthProvider';
import { PLAYER_THEME } from './form-renderer/static-styles/player-theme';
import { Screens } from './Screens';

/** Providers: antd in the user's language, antd's message/modal context, the signed-in user. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCN : enUS} theme={PLAYER_THEME}>
      <AntApp>
        <AuthProvider>
          <Screens />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
