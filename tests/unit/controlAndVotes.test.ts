import { describe, expect, it } from 'vitest';
import { evenSplit, leastFullRoom } from '../../shared/assignment';
import {
  addBroadcast,
  addTime,
  initialControlState,
  isNearlyUp,
  maxBroadcastHistory,
  participantsCanWrite,
  pauseTimer,
  remainingMs,
  resumeTimer,
  roomView,
  setLocked,
  startTimer,
  stoppedTimer,
  timerForRoom,
  withoutRooms,
} from '../../shared/control';
import { decideVote, myVotes, totalsByCard, votesUsed } from '../../shared/votes';

describe('timer arithmetic on server time', () => {
  it('start, pause, resume and add time keep the remaining time exact', () => {
    const t0 = 1_000_000;
    const running = startTimer(600_000, t0);
    expect(remainingMs(running, t0 + 60_000)).toBe(540_000);
    const paused = pauseTimer(running, t0 + 60_000);
    expect(remainingMs(paused, t0 + 999_999)).toBe(540_000);
    const resumed = resumeTimer(paused, t0 + 100_000);
    expect(remainingMs(resumed, t0 + 160_000)).toBe(480_000);
    expect(remainingMs(addTime(resumed, 60_000, t0 + 160_000), t0 + 160_000)).toBe(540_000);
    expect(remainingMs(addTime(resumed, -10_000_000, t0 + 160_000), t0 + 160_000)).toBe(0);
    expect(remainingMs(running, t0 + 10_000_000)).toBe(0);
  });

  it('is "nearly up" in the last minute (or last tenth of a short timer), not before and not when stopped', () => {
    const long = startTimer(600_000, 0);
    expect(isNearlyUp(long, 530_000)).toBe(false);
    expect(isNearlyUp(long, 545_000)).toBe(true);
    expect(isNearlyUp(long, 600_000)).toBe(false);
    expect(isNearlyUp(startTimer(30_000, 0), 19_000)).toBe(false);
    expect(isNearlyUp(startTimer(30_000, 0), 21_000)).toBe(true);
    expect(isNearlyUp(stoppedTimer, 0)).toBe(false);
  });

  it('a room’s own timer overrides the event timer for that room only', () => {
    const state = { ...initialControlState(), timer: startTimer(600_000, 0), roomTimers: { a: startTimer(60_000, 0) } };
    expect(timerForRoom(state, 'a').durationMs).toBe(60_000);
    expect(timerForRoom(state, 'b').durationMs).toBe(600_000);
  });
});

describe('who may write, and what a room sees', () => {
  it('locks and the review/closed stages make boards read-only for participants', () => {
    const state = { ...initialControlState(), lockedRooms: setLocked(initialControlState(), ['a', 'b'], true) };
    expect(participantsCanWrite(state, 'a')).toBe(false);
    expect(participantsCanWrite(state, 'c')).toBe(true);
    expect(participantsCanWrite({ ...state, lockedRooms: setLocked(state, ['a'], false) }, 'a')).toBe(true);
    for (const phase of ['welcome', 'breakouts', 'voting'] as const) expect(participantsCanWrite({ ...initialControlState(), phase }, 'c')).toBe(true);
    for (const phase of ['review', 'closed'] as const) expect(participantsCanWrite({ ...initialControlState(), phase }, 'c')).toBe(false);
  });

  it('a room sees only its own and everyone’s broadcasts; history is bounded', () => {
    let broadcasts = addBroadcast([], { id: '1', text: 'all', roomId: null, at: 1 });
    broadcasts = addBroadcast(broadcasts, { id: '2', text: 'only a', roomId: 'a', at: 2 });
    const state = { ...initialControlState(), broadcasts };
    expect(roomView(state, 'a', 5).broadcasts.map((b) => b.text)).toEqual(['all', 'only a']);
    expect(roomView(state, 'b', 5).broadcasts.map((b) => b.text)).toEqual(['all']);
    for (let i = 0; i < 80; i++) broadcasts = addBroadcast(broadcasts, { id: `x${i}`, text: 't', roomId: null, at: i });
    expect(broadcasts).toHaveLength(maxBroadcastHistory);
  });

  it('removing rooms drops their locks and timers', () => {
    const state = { ...initialControlState(), lockedRooms: ['a', 'b'], roomTimers: { a: stoppedTimer, b: stoppedTimer } };
    const after = withoutRooms(state, [{ id: 'b', topic: 'B' }]);
    expect(after.lockedRooms).toEqual(['b']);
    expect(Object.keys(after.roomTimers)).toEqual(['b']);
  });
});

describe('dot-voting', () => {
  const rows = [
    { roomId: 'a', cardId: 'c1', voterId: 'p1', count: 2 },
    { roomId: 'a', cardId: 'c2', voterId: 'p1', count: 1 },
    { roomId: 'a', cardId: 'c1', voterId: 'p2', count: 1 },
    { roomId: 'b', cardId: 'c9', voterId: 'p1', count: 5 },
  ];
  it('counts per voter and per card from rows, never a shared counter', () => {
    expect(votesUsed(rows, 'p1', 'a')).toBe(3);
    expect(totalsByCard(rows)).toEqual({ c1: 3, c2: 1, c9: 5 });
    expect(myVotes(rows, 'p2')).toEqual({ c1: 1 });
  });
  it('refuses when closed, when out of votes, or when taking back a vote not given', () => {
    expect(decideVote({ open: false, limit: 3, usedInRoom: 0, currentOnCard: 0, delta: 1 })).toMatchObject({ ok: false, code: 'voting_closed' });
    expect(decideVote({ open: true, limit: 3, usedInRoom: 3, currentOnCard: 1, delta: 1 })).toMatchObject({ ok: false, code: 'no_votes_left' });
    expect(decideVote({ open: true, limit: 3, usedInRoom: 3, currentOnCard: 1, delta: -1 })).toEqual({ ok: true, count: 0 });
    expect(decideVote({ open: true, limit: 3, usedInRoom: 1, currentOnCard: 0, delta: -1 })).toMatchObject({ ok: false, code: 'nothing_to_remove' });
    expect(decideVote({ open: true, limit: 3, usedInRoom: 2, currentOnCard: 2, delta: 1 })).toEqual({ ok: true, count: 3 });
  });
});

describe('room assignment', () => {
  const rooms = [
    { id: 'a', topic: 'A' },
    { id: 'b', topic: 'B' },
    { id: 'c', topic: 'C' },
  ];
  it('sends newcomers to the emptiest room, first in order on a tie', () => {
    expect(leastFullRoom(rooms, new Map([['a', 2], ['b', 1], ['c', 1]]))?.id).toBe('b');
    expect(leastFullRoom(rooms, new Map())?.id).toBe('a');
    expect(leastFullRoom([], new Map())).toBeUndefined();
  });
  it('splits people evenly (sizes differ by at most one), keeping their order', () => {
    const split = evenSplit(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'], rooms);
    expect(split.get('a')).toEqual(['p1', 'p4', 'p7']);
    expect(split.get('b')).toEqual(['p2', 'p5']);
    expect(split.get('c')).toEqual(['p3', 'p6']);
  });
});
