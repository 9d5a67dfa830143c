import { Type } from '@fastify/type-provider-typebox';
import { forbidden, unauthorized } from '@formloom/model';
import type { FastifyReply } from 'fastify';
import { IdParamsSchema, OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import { CSRF_HEADER, SESSION_COOKIE, SESSION_TTL_MS } from './auth-service.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';
import { languageOfAcceptHeader } from '@formloom/engine/messages';
import { normalizeUsername, toUserView, UserLocaleSchema, UserViewRef, UserViewSchema } from './users.js';

/** `/api/auth/*`: sign in and out, who am I, change my password, my API keys. */
export interface AuthRouteOptions {
  /** Login attempts per IP and username per window; default 10 a minute. */
  loginRateLimit?: { max: number; timeWindowMs: number };
}

const PasswordSchema = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
  },
  { additionalProperties: false },
);

const PrincipalView = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('apikey'), Type.Literal('system'), Type.Literal('anonymous')]),
  permissions: Type.Array(Type.String()),
  isAdmin: Type.Boolean(),
  deptIds: Type.Array(Type.String()),
  roleIds: Type.Array(Type.String()),
});

const ApiKeyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const tags = ['auth'];

export function authRoutes(options: AuthRouteOptions = {}) {
  return async function registerAuthRoutes(app: FormloomApp): Promise<void> {
    const { auth, config } = app.services;
    const limit = options.loginRateLimit ?? { max: config.loginRateLimit, timeWindowMs: 60_000 };
    app.addSchema(UserViewSchema);

    const setSessionCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });

    app.post(
      '/api/auth/login',
      {
        config: {
          access: { public: true },
          rateLimit: {
            max: limit.max,
            timeWindow: limit.timeWindowMs,
            hook: 'preHandler',
            keyGenerator: (request) => {
              const body = request.body as { username?: unknown } | undefined;
              const username = typeof body?.username === 'string' ? normalizeUsername(body.username) : '';
              return `login|${request.ip}|${username}`;
            },
          },
        },
        schema: {
          tags,
          summary: 'Sign in with a username and password',
          description:
            'Returns a bearer token and also sets the HttpOnly session cookie `formloom_session` for the web apps. ' +
            `Requests authenticated by that cookie must send \`${CSRF_HEADER}: 1\` on POST/PUT/PATCH/DELETE.`,
          security: [],
          body: LoginBody,
          response: {
            200: Type.Object({
              token: Type.String(),
              expiresAt: Type.String({ format: 'date-time' }),
              user: UserViewRef,
            }),
          },
        },
      },
      async (request, reply) => {
        const result = await auth.login(request.body.username, request.body.password, {
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, result.token);
        // First sign-in: the language the browser asks for, else the instance's default.
        const user = result.user.locale
          ? result.user
          : await auth.setLocale(
              result.user._id,
              languageOfAcceptHeader(request.headers['accept-language'], config.defaultLocale),
            );
        return { token: result.token, expiresAt: result.expiresAt, user: toUserView(user) };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: { permission: 'user' } },
        schema: {
          tags,
          summary: 'End the current session (token or cookie)',
          response: { 200: OkSchema },
        },
      },
      async (request, reply) => {
        const credential = auth.credentialOf(request);
        if (credential) await auth.logout(credential.value);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: { permission: 'user' } },
        schema: {
          tags,
          summary: 'The signed-in user and what they may do',
          response: { 200: Type.Object({ user: UserViewRef, principal: PrincipalView }) },
        },
      },
      async (request) => {
        const { principal } = request;
        if (principal.userId === null) throw unauthorized();
        const user = await auth.getUser(principal.userId);
        return {
          user: toUserView(user),
          principal: {
            kind: principal.kind,
            permissions: principal.permissions,
            isAdmin: principal.isAdmin,
            deptIds: principal.deptIds,
            roleIds: principal.roleIds,
          },
        };
      },
    );

    app.patch(
      '/api/auth/me',
      {
        config: { access: { permission: 'user' } },
        schema: {
          tags,
          summary: 'Change my own settings: the language I read (notifications, e-mail, files)',
          body: Type.Object({ locale: UserLocaleSchema }, { additionalProperties: false }),
          response: { 200: Type.Object({ user: UserViewRef }) },
        },
      },
      async (request) => {
        const userId = request.principal.userId;
        if (userId === null) throw unauthorized();
        return { user: toUserView(await auth.setLocale(userId, request.body.locale)) };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: { permission: 'user' } },
        schema: {
          tags,
          summary: 'Change my password',
          description: 'Ends every session of the user, including this one: sign in again with the new password.',
          body: Type.Object(
            {
              currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
              newPassword: PasswordSchema,
            },
            { additionalProperties: false },
          ),
          response: { 200: OkSchema },
        },
      },
      async (request, reply) => {
        const userId = request.principal.userId;
        if (userId === null) throw unauthorized();
        await auth.changeOwnPassword(userId, request.body.currentPassword, request.body.newPassword);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/api-keys',
      {
        config: { access: { permission: 'user' } },
        schema: {
          tags,
          summary: 'My API keys (never the keys themselves)',
          response: { 200: Type.Object({ items: Type.Array(ApiKeyView) }) },
        },
      },
      async (request) => {
        const userId = request.principal.userId;
        if (userId === null) throw unauthorized();
        return { items: await auth.listApiKeys(userId) };
      },
    );

    app.post(
      '/api/auth/api-keys',
      {
        config: { access: { permission: 'user' } },
        schema: {
          tags,
          summary: 'Create an API key acting as me',
          description:
            'The key is in this answer only; it cannot be shown again. Use it as `Authorization: Bearer <key>`.',
          body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
          response: { 201: Type.Object({ key: Type.String(), apiKey: ApiKeyView }) },
        },
      },
      async (request, reply) => {
        const { principal } = request;
        if (principal.userId === null) throw unauthorized();
        if (principal.kind === 'apikey') {
          throw forbidden('An API key cannot create API keys; sign in as the user');
        }
        const created = await auth.createApiKey(principal.userId, request.body.name.trim());
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/api/auth/api-keys/:id',
      {
        config: { access: { permission: 'user' } },
        schema: { tags, summary: 'Revoke one of my API keys', params: IdParamsSchema, response: { 200: OkSchema } },
      },
      async (request) => {
        const userId = request.principal.userId;
        if (userId === null) throw unauthorized();
        await auth.revokeApiKey(userId, request.params.id);
        return { ok: true as const };
      },
    );
  };
}
