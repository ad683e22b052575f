import { describe, expect, it } from 'vitest';
import { createFairScheduler, turnGapMs, type FairTask } from '../../server/yjs/fairScheduler';

/** A clock the test moves by hand. */
function manualClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const nextImmediate = () => new Promise((resolve) => setImmediate(resolve));

describe('the fair scheduler', () => {
  it('runs frames inline until a turn has used its slice, then queues them', () => {
    const clock = manualClock();
    const scheduler = createFairScheduler(8, clock.now);
    for (let i = 0; i < 4; i++) {
      expect(scheduler.mayRunInline()).toBe(true);
      clock.advance(2);
      scheduler.charge(2);
    }
    // 8 ms used back to back: the rest of this turn goes through the round.
    expect(scheduler.mayRunInline()).toBe(false);
  });

  it('starts a new turn after the loop was free for a moment, without any timer', () => {
    const clock = manualClock();
    const scheduler = createFairScheduler(8, clock.now);
    clock.advance(8);
    scheduler.charge(8);
    expect(scheduler.mayRunInline()).toBe(false);
    clock.advance(turnGapMs + 0.5);
    expect(scheduler.mayRunInline()).toBe(true);
  });

  it('never lets inline work run past the slice when frames follow each other with no pause', () => {
    const clock = manualClock();
    const scheduler = createFairScheduler(8, clock.now);
    let inline = 0;
    // Frames 0.5 ms apart, each 1 ms of work: no gap, so the slice is counted across them.
    while (scheduler.mayRunInline()) {
      clock.advance(1);
      scheduler.charge(1);
      clock.advance(0.5);
      inline++;
    }
    expect(inline).toBe(8);
  });

  it('takes queued connections in turns, one frame each, and gives the loop back after every slice', async () => {
    const clock = manualClock();
    const scheduler = createFairScheduler(8, clock.now);
    const order: string[] = [];
    const task = (name: string, frames: number): FairTask => ({
      step() {
        order.push(name);
        clock.advance(3);
        return --frames > 0;
      },
    });
    scheduler.wake(task('a', 3));
    scheduler.wake(task('b', 2));
    expect(scheduler.mayRunInline()).toBe(false);
    await nextImmediate();
    // One slice (8 ms): three 3-ms frames, alternating.
    expect(order).toEqual(['a', 'b', 'a']);
    await nextImmediate();
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(scheduler.mayRunInline()).toBe(true);
  });
});
