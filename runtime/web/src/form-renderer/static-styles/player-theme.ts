import type { ThemeConfig } from 'antd';

/**
 * The player's antd theme: App.tsx's ConfigProvider and the build-time style extraction
 * (antd-static-styles.tsx) use this one object.
 */
export const PLAYER_THEME: ThemeConfig = { token: { colorPrimary: '#1677ff' } };
