import type { Request, Response } from 'express';
import { HttpError } from './httpError';

/**
 * Failure-based throttling for guessable inputs (join codes, link secrets).
 *
 * A council venue puts 40+ people behind one address (F16), so successes are never limited and one
 * person's typos must not lock the room out: only *failed* attempts count, per client address. Once an
 * address is over its budget, further guesses are refused with 429 without being checked (no oracle),
 * except for values that already succeeded from that address in the window — the join code on the
 * projector keeps working for everyone in the room.
 */
export interface FailureLimiterOptions {
  /** Failed attempts allowed per key and window before guesses are refused. */
  maxFailures: number;
  windowMs: number;
  /** Bound on tracked keys, so a flood of addresses cannot grow memory without limit. */
  maxKeys?: number;
  now?: () => number;
}

interface Bucket {
  windowStart: number;
  failures: number;
  known: Set<string>;
}

interface WindowOptions {
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** Per-key state that starts afresh when its fixed window ends, with a bound on how many keys are kept. */
function windowBuckets<B extends { windowStart: number }>(options: WindowOptions, fresh: (windowStart: number) => B) {
  const buckets = new Map<string, B>();
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  return {
    now,
    size: () => buckets.size,
    get(key: string): B {
      const t = now();
      let bucket = buckets.get(key);
      if (bucket && t - bucket.windowStart > options.windowMs) {
        buckets.delete(key);
        bucket = undefined;
      }
      if (!bucket) {
        if (buckets.size >= maxKeys) {
          // Drop the oldest keys (Map keeps insertion order); an attacker rotating addresses only evicts itself.
          for (const oldKey of buckets.keys()) {
            buckets.delete(oldKey);
            if (buckets.size < maxKeys * 0.9) break;
          }
        }
        bucket = fresh(t);
        buckets.set(key, bucket);
      }
      return bucket;
    },
    /** Whole seconds until the key's window ends (at least 1). */
    retryAfterSeconds(bucket: B): number {
      return Math.max(1, Math.ceil((bucket.windowStart + options.windowMs - now()) / 1000));
    },
  };
}

export function createFailureLimiter(options: FailureLimiterOptions) {
  const buckets = windowBuckets<Bucket>(options, (windowStart) => ({ windowStart, failures: 0, known: new Set() }));

  return {
    /** Throws 429 if this key is over its failure budget and the value has not already succeeded from it. */
    check(key: string, value: string): void {
      const bucket = buckets.get(key);
      if (bucket.failures >= options.maxFailures && !bucket.known.has(value)) {
        throw new HttpError(429, 'too_many_attempts', `Too many wrong attempts from this network. Please check the code and try again in ${minutes(buckets.retryAfterSeconds(bucket))} minutes.`);
      }
    },
    failed(key: string): void {
      buckets.get(key).failures++;
    },
    succeeded(key: string, value: string): void {
      const bucket = buckets.get(key);
      if (bucket.known.size < 100) bucket.known.add(value);
    },
    size: buckets.size,
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;

/**
 * Counts every use per key (not only failures): for actions that are cheap to ask for and costly to
 * serve, such as creating events, where a venue never needs many.
 */
export function createUseLimiter(options: WindowOptions & { maxUses: number }) {
  const buckets = windowBuckets(options, (windowStart) => ({ windowStart, uses: 0 }));
  return {
    /** Sets Retry-After and throws 429 if this key has used its budget for the window. */
    check(key: string, res: Response, what: string): void {
      const bucket = buckets.get(key);
      if (bucket.uses < options.maxUses) return;
      const seconds = buckets.retryAfterSeconds(bucket);
      res.set('Retry-After', String(seconds));
      throw new HttpError(429, 'too_many_requests', `Too many ${what} from this network. Please try again in ${minutes(seconds)} minutes.`);
    },
    used(key: string): void {
      buckets.get(key).uses++;
    },
    size: buckets.size,
  };
}

export type UseLimiter = ReturnType<typeof createUseLimiter>;

/** The client address as express sees it: the socket's, or X-Forwarded-For's only when TRUST_PROXY is set. */
export function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * Defaults: 20 wrong codes per address per 10 minutes; 20 wrong link secrets per address and event;
 * 20 events (or wrong event-creation keys) per address per hour.
 */
export const rateLimitDefaults = {
  joinFailures: 20,
  sessionFailures: 20,
  windowMs: 10 * 60_000,
  eventCreations: 20,
  eventCreationWindowMs: 60 * 60_000,
} as const;
