export {
  renderTemplate,
  renderJsonTemplate,
  DEFAULT_MAX_OUTPUT_LENGTH,
  type RenderOptions,
} from './render-template.js';
export { validateTemplate, MAX_TEMPLATE_LENGTH } from './validate-template.js';
export {
  buildTemplateData,
  toPlainData,
  type TemplateDataInput,
  type TemplateField,
  type TemplateRecordSource,
  type PlainValue,
} from './template-data.js';
export { displayValue } from './display-value.js';
export { TEMPLATE_HELPERS, formatDate, formatNumber, type TemplateFormat } from './template-helpers.js';
export { templateRefused, type TemplateProblem } from './template-errors.js';
export { HANDLEBARS_VERSION } from './template-environment.js';
