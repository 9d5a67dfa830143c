import { FORMS } from '../apps/app.types.js';
import { blobStoreOf } from '../files/index.js';
import type { FormloomApp } from '../server/types.js';
import { registerPublicFormRouteScope } from './public-form-routes.js';
import { registerPublicLinkRoutes } from './public-link-routes.js';
import { publicRateLimits } from './public-rate-limits.js';
import { PublicUploads } from './public-uploads.js';

export { publicDefinition, publicWritableFields, requiredNotPublic, isPublicKind } from './public-fields.js';
export { cleanAbandonedPublicUploads, registerPublicUploadCleanupWorker } from './public-upload-cleanup.js';

/**
 * Route module: public links of forms — their management by app managers and the anonymous
 * routes under `/api/public/forms/:token`. Registered after the app and record routes (it
 * uses `app.services.apps`).
 */
export async function registerPublicFormRoutes(app: FormloomApp): Promise<void> {
  const registry = app.services.apps;
  if (registry === undefined) throw new Error('registerPublicFormRoutes needs registerAppAndRecordRoutes first');
  const { store, config } = app.services;
  await store.collection(FORMS).createIndex({ keys: { 'publicLink.token': 1 } });
  const uploads = new PublicUploads(store);
  await uploads.ensureIndexes();
  const blobs = await blobStoreOf(app.services);
  const limits = publicRateLimits(app, config.publicFormRateLimit);
  registerPublicLinkRoutes(app, registry);
  await app.register(async (scope: FormloomApp) =>
    registerPublicFormRouteScope(scope, { registry, blobs, uploads, limits, maxBytes: config.uploadMaxBytes }),
  );
}
