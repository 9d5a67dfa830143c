/**
 * The form renderer shared by the player and the designer's live preview:
 * `import { FormRenderer } from '@formloom/web/form-renderer'`.
 */
export { FormRenderer, valuesToSend, type FormRendererProps, type FormValues } from './FormRenderer';
export { buildUiSchema, isServerComputed } from './ui-schema';
export { serverErrorsToErrorSchema, type ServerErrorDetail } from './server-errors';
export { playerWidgets, WIDGET_KINDS } from './widgets/index';
export { playerTemplates } from './templates/index';
export { FieldValue } from './FieldValue';
export { formatValue } from './format-value';
export { PLAYER_THEME } from './static-styles/player-theme';
export {
  FileEndpointsContext,
  publicFileEndpoints,
  SIGNED_IN_FILE_ENDPOINTS,
  type FileEndpoints,
} from './widgets/file-endpoints';
