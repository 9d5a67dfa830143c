import { isFormloomError, type ErrorCode, type ErrorDetail } from '@formloom/model';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FormloomApp } from './types.js';

/**
 * The one place that turns anything thrown into `{error: {code, message, details}}`:
 * FormloomError as it is (plus its `extra` fields), Fastify's schema validation errors as
 * 400 VALIDATION_FAILED naming the path and the ajv keyword, framework 4xx errors (bad JSON,
 * wrong content type, body too large, rate limit) by their status, everything else as a
 * 500 INTERNAL whose cause is logged but never sent.
 */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[]; [extra: string]: unknown };
}

interface AjvLikeError {
  keyword: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** `/a/0/b` → `a[0].b`, prefixed with the request part (`body`, `querystring`, `params`, `headers`). */
function detailPath(part: string, error: AjvLikeError): string {
  let path = part;
  for (const segment of (error.instancePath ?? '').split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  const params = error.params ?? {};
  const child = params.missingProperty ?? params.additionalProperty ?? params.propertyName;
  if (typeof child === 'string') path += `.${child}`;
  return path;
}

function validationDetails(part: string, errors: AjvLikeError[]): ErrorDetail[] {
  return errors.map((e) => {
    const path = detailPath(part, e);
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'additionalProperties') message = 'is not an allowed property';
    if (e.keyword === 'required') message = 'is required';
    return { path, rule: e.keyword, message };
  });
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (isFormloomError(error)) {
    const extra = error.extra ?? {};
    return {
      status: error.status,
      body: { error: { ...extra, code: error.code, message: error.message, details: error.details } },
      internal: error.status >= 500,
    };
  }
  const fastifyError = error as Partial<FastifyError> & { validation?: AjvLikeError[] };
  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext ?? 'body';
    const details = validationDetails(part, fastifyError.validation);
    const first = details[0];
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: first ? `${first.path} ${first.message}` : 'The request is invalid',
          details,
        },
      },
      internal: false,
    };
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
    let message = fastifyError.message ?? 'Bad request';
    if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      message = 'The request body is not valid JSON';
    }
    if (status === 429) message = 'Too many requests; try again later';
    return { status, body: { error: { code, message, details: [] } }, internal: false };
  }
  return {
    status: status >= 500 && status < 600 && status !== 500 ? status : 500,
    body: {
      error: { code: status === 503 ? 'UNAVAILABLE' : 'INTERNAL', message: 'Internal server error', details: [] },
    },
    internal: true,
  };
}

export function installErrorHandling(app: FormloomApp): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, internal } = toErrorBody(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    else if (status === 401 || status === 403 || status === 429)
      request.log.info({ code: body.error.code }, 'request refused');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const body: ErrorBody = {
      error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}`, details: [] },
    };
    return reply.code(404).send(body);
  });
}
