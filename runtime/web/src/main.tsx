import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index';
// antd's styles for the form widgets, generated at build time (build/antd-static-styles.ts); before the app's own.
import 'virtual:antd-static-styles.css';
import './styles.css';
import { App } from './App';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
