export { registerWebApps, webAppsRouteModule, defaultWebAppDirs, type WebAppDirs } from './web-apps.js';
