import type { Logger } from 'pino';
import type { DocRecord } from './docRecord';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Snapshots are written one at a time. Documents edited at the same pace (the rooms of one workshop) reach their
 * compaction threshold together: twenty snapshots started at once put tens of milliseconds of encoding and
 * compression in front of the next updates (BENCHMARKS.md, issue 16). Queued, each snapshot's work on the event
 * loop stays ~1 ms, with the loop's I/O served between two of them.
 */
export interface CompactionQueue {
  /** Queues a document (once); `run` decides again when its turn comes whether it is still due. */
  add(live: DocRecord): void;
  /** Resolves once nothing is queued or being written. */
  idle(): Promise<void>;
  /** Starts nothing more and resolves once the snapshot under way (if any) is written. */
  stop(): Promise<void>;
}


export function createCompactionQueue(run: (live: DocRecord) => Promise<void>, log: Logger): CompactionQueue {
  const queued = new Set<DocRecord>();
  let running: Promise<void> | null = null;
  let stopped = false;

  async function drain(): Promise<void> {
    while (queued.size > 0) {
      await nextTurn();
      if (stopped) return;
      const live = queued.values().next().value as DocRecord;
      queued.delete(live);
      try {
        await run(live);
      } catch (err) {
        log.error({ err, doc: live.name }, 'compaction failed');
      }
    }
  }

  function start(): void {
    if (running || stopped || queued.size === 0) return;
    running = drain().finally(() => {
      running = null;
      // Queued between the last check and now (another microtask): not left waiting for the next add().
      start();
    });
  }

  return {
    add(live) {
      if (stopped) return;
      queued.add(live);
      start();
    },
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      queued.clear();
      await running;
    },
  };
}
