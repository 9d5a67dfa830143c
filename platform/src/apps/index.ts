export { createAppRegistry, type AppRegistry, type AppRegistryOptions, type FormContext } from './app-registry.js';
export { isAppManager, isAppMember, requireAppManager, requireAppMember, formAccessFor } from './app-access.js';
export { registerAppRoutes } from './app-routes.js';
export { registerFormRoutes } from './form-routes.js';
export { emptyDefinition, type FormInput, type VersionSummary } from './form-service.js';
export type { AppInput, AppPatch } from './app-service.js';
export { APPS, FORMS, FORM_VERSIONS, formVersionId } from './app.types.js';
export type { AppDoc, FormDoc, FormVersionDoc, AppMembers, AppManagers } from './app.types.js';
