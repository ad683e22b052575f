// Fair scheduling of update work across connections. ws emits every frame of a TCP read in one go, so a
// connection that sends a hundred large updates back to back used to hold the event loop for seconds
// (health checks at 1.2–5.6 s, another room's sync at ~1 s). Frames are handled inline while the current
// turn has time left; after that, connections with queued frames take turns, one frame each, and the loop
// is given back to I/O (setImmediate) after every slice.
//
// A turn ends when the loop was free for a moment (no inline frame for `turnGapMs`) or at a slice of the
// round. It is not ended by an immediate per frame: that made the loop run one more iteration for every
// update at light load, a large part of the server's CPU at the event load (BENCHMARKS.md, issue 16).
// Inline work therefore never runs past `sliceMs` without the loop getting I/O in between.

export interface FairTask {
  /** Handles this connection's next queued frame; returns whether more are ready. */
  step(): boolean;
}

export interface FairScheduler {
  /** Whether a frame may be handled inline now: nothing is waiting its turn and this turn has time left. */
  mayRunInline(): boolean;
  /** Adds the time inline work took to this turn. */
  charge(ms: number): void;
  /** Queues a connection that has frames ready (once; it keeps its place in the round). */
  wake(task: FairTask): void;
  /** Drops a connection from the round (it closed). */
  forget(task: FairTask): void;
}

/** A pause between inline frames this long means the loop went back to I/O in between. */
export const turnGapMs = 1;

export function createFairScheduler(sliceMs: number, now: () => number = () => performance.now()): FairScheduler {
  const round = new Set<FairTask>();
  let scheduled = false;
  let usedThisTurn = 0;
  let lastInlineEnd = -Infinity;

  const drain = () => {
    scheduled = false;
    // The loop came back through its check phase: I/O has had its turn.
    usedThisTurn = 0;
    const start = now();
    while (round.size > 0 && now() - start < sliceMs) {
      const task = round.values().next().value as FairTask;
      round.delete(task);
      // Back of the round: every other waiting connection goes before this one's next frame.
      if (task.step()) round.add(task);
    }
    if (round.size > 0) schedule();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };

  return {
    mayRunInline() {
      if (round.size > 0) return false;
      if (now() - lastInlineEnd > turnGapMs) usedThisTurn = 0;
      return usedThisTurn < sliceMs;
    },
    charge(ms) {
      usedThisTurn += ms;
      lastInlineEnd = now();
    },
    wake(task) {
      if (round.has(task)) return;
      round.add(task);
      schedule();
    },
    forget(task) {
      round.delete(task);
    },
  };
}
