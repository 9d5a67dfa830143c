import type { DocumentStore, JobQueue, Principal } from '@formloom/model';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { Config } from '../config.js';
import type { AuthService } from '../auth/auth-service.js';
import type { OrgService } from '../org/org-service.js';

/**
 * Every route declares who may call it in `config.access` (deny by default: the server refuses
 * to start when a route has none, see server/route-access.ts):
 * - `{ public: true }` — no authentication (login, health, OpenAPI, docs).
 * - `{ permission: 'user' }` — any signed-in user or API key; the handler checks resources
 *   (app membership, form permission groups) itself through the helpers in apps/ and records/.
 * - `{ permission: 'org.manage' | 'apps.create' | 'admin' | … }` — a global permission from the user's roles.
 */
export type RouteAccess = { public: true } | { permission: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; never null there. */
    principal: Principal;
  }
}

/** The long-lived services every route module can reach as `app.services`. */
export interface Services {
  config: Config;
  store: DocumentStore;
  queue: JobQueue;
  /** Sessions, API keys, the request authenticator, passwords. */
  auth: AuthService;
  /** Departments, managers and roles, for approver rules. */
  org: OrgService;
  [name: string]: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export type FormloomApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
