import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEchoHold, type EchoHolder } from '../../server/yjs/echoHold';

// The timer is the boundary here: fake timers let the test step past the hold without waiting for it.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function holder(): EchoHolder & { writes: number } {
  const h = {
    writes: 0,
    writeHeldEchoes() {
      h.writes++;
    },
  };
  return h;
}

describe('the echo hold', () => {
  it('writes what a connection holds once the hold is over, if nothing wrote it before', () => {
    const hold = createEchoHold(250);
    const a = holder();
    hold.hold(a);
    vi.advanceTimersByTime(249);
    expect(a.writes).toBe(0);
    vi.advanceTimersByTime(1);
    expect(a.writes).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(a.writes).toBe(1);
  });

  it('leaves alone a connection that wrote its echoes with another frame meanwhile', () => {
    const hold = createEchoHold(250);
    const [a, b] = [holder(), holder()];
    hold.hold(a);
    hold.hold(b);
    hold.release(a);
    vi.advanceTimersByTime(250);
    expect([a.writes, b.writes]).toEqual([0, 1]);
  });

  it('keeps one timer for every connection: one held late in the round waits less, never longer', () => {
    const hold = createEchoHold(250);
    const [a, b] = [holder(), holder()];
    hold.hold(a);
    vi.advanceTimersByTime(200);
    hold.hold(b);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(50);
    expect([a.writes, b.writes]).toEqual([1, 1]);
    // The next echo starts a new round.
    hold.hold(a);
    vi.advanceTimersByTime(250);
    expect(a.writes).toBe(2);
  });
});
