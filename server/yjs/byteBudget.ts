// Token buckets for bytes received: a sender may burst up to `burstBytes`, then gets `bytesPerSecond`.
// The connection waits (its socket paused) instead of being closed, so an honest client that sends a
// large offline backlog is slowed, never dropped, and a flooder costs the server a bounded rate.

export interface ByteRate {
  bytesPerSecond: number;
  burstBytes: number;
}

export interface ByteBudget {
  /** Milliseconds until `bytes` may be taken (0: now). A frame larger than the burst waits for a full bucket. */
  delayFor(bytes: number): number;
  /** Takes the bytes (the balance may go below zero: that debt is repaid before the next frame). */
  take(bytes: number): void;
}

export function createByteBudget(rate: ByteRate, now: () => number = Date.now): ByteBudget {
  let tokens = rate.burstBytes;
  let at = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(rate.burstBytes, tokens + ((t - at) * rate.bytesPerSecond) / 1000);
    at = t;
  };
  return {
    delayFor(bytes) {
      refill();
      const need = Math.min(bytes, rate.burstBytes);
      return tokens >= need ? 0 : Math.ceil(((need - tokens) * 1000) / rate.bytesPerSecond);
    },
    take(bytes) {
      refill();
      tokens -= bytes;
    },
  };
}
