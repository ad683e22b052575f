import type { Request } from 'express';
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

export function createFailureLimiter(options: FailureLimiterOptions) {
  const buckets = new Map<string, Bucket>();
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;

  const bucketFor = (key: string): Bucket => {
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
      bucket = { windowStart: t, failures: 0, known: new Set() };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  return {
    /** Throws 429 if this key is over its failure budget and the value has not already succeeded from it. */
    check(key: string, value: string): void {
      const bucket = bucketFor(key);
      if (bucket.failures >= options.maxFailures && !bucket.known.has(value)) {
        const retryAfter = Math.ceil((bucket.windowStart + options.windowMs - now()) / 1000);
        throw new HttpError(429, 'too_many_attempts', `Too many wrong attempts from this network. Please check the code and try again in ${Math.max(1, Math.ceil(retryAfter / 60))} minutes.`);
      }
    },
    failed(key: string): void {
      bucketFor(key).failures++;
    },
    succeeded(key: string, value: string): void {
      const bucket = bucketFor(key);
      if (bucket.known.size < 100) bucket.known.add(value);
    },
    size(): number {
      return buckets.size;
    },
  };
}

export type FailureLimiter = ReturnType<typeof createFailureLimiter>;

/** The client address as express sees it: the socket's, or X-Forwarded-For's only when TRUST_PROXY is set. */
export function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Defaults: 20 wrong codes per address per 10 minutes; 20 wrong link secrets per address and event. */
export const rateLimitDefaults = {
  joinFailures: 20,
  sessionFailures: 20,
  windowMs: 10 * 60_000,
} as const;
