import { Redis, type RedisOptions } from 'ioredis';

/**
 * An ioredis client whose `disconnect()` always ends the connection, and whose duplicates are
 * the same kind of client.
 *
 * Why: ioredis 6 `disconnect()` on a client that lost its socket and waits to reconnect
 * (status `reconnecting`, e.g. after a Redis restart, for up to its retry delay of 2 s, or for
 * as long as Redis is away) clears the reconnect timer and ends the old, already closed socket,
 * so neither `close` nor `end` is ever emitted and the client stays `reconnecting` for good.
 * BullMQ's `Worker.close()` starts by disconnecting the worker's blocking connection and waits
 * for its `end` event (`RedisConnection.disconnect(wait = true)`), so closing a worker right
 * after a Redis restart never settled; `Worker.disconnect()` waits the same way. Marking such a
 * client `wait` first takes ioredis' own path for a client without a socket: it is closed at
 * once, its queued commands fail with "Connection is closed", and `end` is emitted.
 *
 * BullMQ creates a worker's connections with `duplicate()` of the client it is given, so they
 * inherit this behaviour.
 */
type LegacyOptions = RedisOptions & { replyMapping?: 'legacy' };

export class ClosableRedis extends Redis {
  constructor(url: string, options: LegacyOptions);
  constructor(options: LegacyOptions);
  constructor(urlOrOptions: string | LegacyOptions, options: LegacyOptions = {}) {
    if (typeof urlOrOptions === 'string') super(urlOrOptions, options);
    else super(urlOrOptions);
    // As ioredis' duplicate() (its options, overridden), but of this class. Defined here rather
    // than as a method: ioredis types duplicate() generically over reply mappings.
    Object.defineProperty(this, 'duplicate', {
      writable: true, // BullMQ wraps clients in a Proxy, whose invariants forbid a frozen property
      configurable: true,
      value: (override?: Partial<RedisOptions>) =>
        new ClosableRedis({ ...this.options, ...(override ?? {}), replyMapping: 'legacy' }),
    });
  }

  override disconnect(reconnect = false): void {
    if (!reconnect && this.status === 'reconnecting') this.status = 'wait';
    super.disconnect(reconnect);
  }
}
