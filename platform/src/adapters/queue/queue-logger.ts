/**
 * The logging the queue adapters need. pino loggers and Fastify's `app.log` fit this shape,
 * so the server passes its own logger; without one the adapters stay silent.
 */
export interface QueueLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const ignore = (): void => undefined;

export const silentQueueLogger: QueueLogger = { debug: ignore, warn: ignore, error: ignore };
