export { loadConfig, ConfigError, type Config, type LogLevel, type EmbeddedSync } from './config.js';
export { buildApp, type BuildAppOptions, type RouteModule } from './server/app.js';
export { createServices } from './server/services.js';
export { toErrorBody, type ErrorBody } from './server/error-handler.js';
export { hasPermission, ANY_SIGNED_IN, type RequestAuthenticator } from './server/route-access.js';
export * from './server/schemas.js';
export type { FormloomApp, Services, RouteAccess } from './server/types.js';
export { VERSION } from './server/version.js';
export {
  startServer,
  startWorker,
  openStore,
  openQueue,
  createLogger,
  exitOnSignals,
  type RunningServer,
  type RunningWorker,
  type StartServerOptions,
} from './boot.js';
export { routeModules, registerWorkers, workerModules, type WorkerModule } from './modules.js';
export { registerWebApps, webAppsRouteModule, defaultWebAppDirs, type WebAppDirs } from './web/index.js';
export { AuthService, SESSION_COOKIE, CSRF_HEADER } from './auth/auth-service.js';
export { bootstrapAuth, type BootstrapResult } from './auth/bootstrap.js';
export { hashPassword, verifyPassword } from './auth/passwords.js';
export { USERS, SESSIONS, API_KEYS, toUserView, type UserDoc, type UserView } from './auth/users.js';
export { OrgService } from './org/org-service.js';
export { PERMISSIONS, PERMISSION_NAMES, isPermission, type Permission } from './org/permissions.js';
export {
  DEPARTMENTS,
  ROLES,
  ADMIN_ROLE_ID,
  MEMBER_ROLE_ID,
  type DepartmentDoc,
  type RoleDoc,
} from './org/org.types.js';
export { openEmbeddedStore } from './adapters/store/embedded/index.js';
export { createInlineQueue, createBullmqQueue } from './adapters/queue/index.js';
export {
  openBlobStore,
  createEmbeddedBlobStore,
  removeStaleTempFiles,
  BLOBS,
  type BlobDoc,
} from './adapters/blob/index.js';
export { registerExchangeRoutes, registerImportWorker, rearmImports } from './exchange/index.js';
export { registerFileRoutes, blobStoreOf, receiveUpload, sniffContentType, BLOB_REFS } from './files/index.js';
export { registerPublicFormRoutes, cleanAbandonedPublicUploads } from './public-forms/index.js';
export {
  reindexNow,
  runReindex,
  needsReindex,
  dataVersion,
  reindexState,
  DATA_VERSION,
  type ReindexStateDoc,
} from './records/reindex/index.js';
export {
  notifierOf,
  notificationsOf,
  registerNotificationRoutes,
  registerNotificationWorker,
  verifySignature,
  signatureHeader,
  deliveryIdOf,
  SIGNATURE_HEADER,
  MESSAGES,
  MAIL_OUTBOX,
  WEBHOOK_DELIVERIES,
  WEBHOOKS_QUEUE,
  NOTIFICATIONS_QUEUE,
  type NotificationParts,
  type MessageView,
  type MessageDoc,
  type WebhookDeliveryDoc,
  type MailDoc,
} from './notifications/index.js';
export {
  createEgressGuard,
  parseEgressAllow,
  blockedRange,
  addressDecision,
  STRICT_POLICY,
  EgressBlockedError,
  EgressRequestError,
  type EgressGuard,
  type EgressPolicy,
  type HostResolver,
} from './egress/index.js';
