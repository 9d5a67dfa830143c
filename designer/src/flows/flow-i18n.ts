import { flowI18nResources } from '@formloom/engine/flows/definitions';
import { i18next } from '../i18n/i18n.js';

/** The engine's flow strings (lint messages `flow.lint.*`, node kinds `flow.node.*`) merged into the designer's catalogue. */
for (const lang of ['en', 'zh-CN'] as const)
  i18next.addResourceBundle(lang, 'translation', flowI18nResources(lang), true, false);
