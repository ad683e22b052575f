import { createLatencyHistogram, recordMs, summarise, type LatencySummary } from './histogram';
import { mb, rssBytes } from './proc';

// The flood cell's bystander: GET /api/health every `everyMs` from the orchestrator (its own process and event
// loop, idle during a window, so the generator's stalls are not in these figures). Requests are fired on the
// clock whether or not earlier ones have answered (a stalled server is not asked less often: no coordinated
// omission); each is timed from send to the end of its body. The server's RSS is read at every tick too.

export type HealthSummary = LatencySummary & {
  /** Requests sent inside the window. */
  sent: number;
  /** Of those, requests that failed or were not answered within the timeout (their elapsed time is recorded as a lower bound only when they timed out). */
  failed: number;
  /** Peak server RSS sampled inside the window (MB). */
  serverRssMaxMB: number;
};

interface Sample {
  /** Epoch ms at send. */
  at: number;
  ms: number;
  ok: boolean;
  timedOut: boolean;
}

export interface HealthPoller {
  /** Stops sending, waits for the requests still out (each ends by its timeout) and summarises those sent in [fromEpochMs, toEpochMs). */
  stop(fromEpochMs: number, toEpochMs: number): Promise<HealthSummary>;
}

const epochNow = () => performance.timeOrigin + performance.now();

export function pollHealth(url: string, opts: { everyMs: number; timeoutMs: number; serverPid: number }): HealthPoller {
  const samples: Sample[] = [];
  const rss: { at: number; bytes: number }[] = [];
  const inFlight = new Set<Promise<void>>();
  const ask = async () => {
    const at = epochNow();
    const start = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs) });
      await res.arrayBuffer();
      samples.push({ at, ms: performance.now() - start, ok: res.ok, timedOut: false });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      samples.push({ at, ms: performance.now() - start, ok: false, timedOut });
    }
  };
  const timer = setInterval(() => {
    const request = ask();
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
    try {
      rss.push({ at: epochNow(), bytes: rssBytes(opts.serverPid) });
    } catch {
      // The server exited; the fan-out cell reports that.
    }
  }, opts.everyMs);
  return {
    async stop(from, to) {
      clearInterval(timer);
      await Promise.all(inFlight);
      const inside = samples.filter((s) => s.at >= from && s.at < to);
      const histogram = createLatencyHistogram();
      for (const s of inside) if (s.ok || s.timedOut) recordMs(histogram, s.ms);
      const peak = rss.filter((r) => r.at >= from && r.at < to).reduce((a, r) => Math.max(a, r.bytes), 0);
      return { ...summarise(histogram), sent: inside.length, failed: inside.filter((s) => !s.ok).length, serverRssMaxMB: mb(peak) };
    },
  };
}
