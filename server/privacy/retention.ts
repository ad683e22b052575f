import type { Logger } from 'pino';
import type { Store } from '../store/store';

const dayMs = 86_400_000;

/**
 * Events whose retention has run out: `days` after the later of the event's date and its creation.
 * (UK GDPR storage limitation: nothing is kept longer than needed, without anyone having to remember.)
 */
export async function expiredEvents(store: Store, days: number, now = Date.now()): Promise<string[]> {
  const rows = await store.listEventDates();
  return rows
    .filter((row) => {
      const created = Date.parse(row.createdAt);
      const held = Date.parse(`${row.date}T23:59:59Z`);
      const start = Math.max(Number.isFinite(created) ? created : 0, Number.isFinite(held) ? held : 0);
      return start + days * dayMs < now;
    })
    .map((row) => row.id);
}

export interface RetentionSweepDeps {
  store: Store;
  log: Logger;
  /** 0 keeps events for ever. */
  retentionDays: number;
  intervalMs: number;
  erase(eventId: string): Promise<boolean>;
}

/** Runs the sweep at start-up and then every intervalMs; returns a stop function and a run-now function. */
export function startRetentionSweep(deps: RetentionSweepDeps) {
  let running: Promise<number> | null = null;
  const sweep = (): Promise<number> => {
    if (running) return running;
    running = (async () => {
      if (deps.retentionDays <= 0) return 0;
      let erased = 0;
      for (const id of await expiredEvents(deps.store, deps.retentionDays)) {
        if (await deps.erase(id)) erased++;
      }
      if (erased > 0) deps.log.info({ erased, retentionDays: deps.retentionDays }, 'retention sweep deleted expired events');
      return erased;
    })()
      .catch((err) => {
        deps.log.error({ err }, 'retention sweep failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void sweep(), deps.intervalMs);
  timer.unref();
  void sweep();
  return {
    sweep,
    /** Stops the timer and waits for a sweep in progress. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
