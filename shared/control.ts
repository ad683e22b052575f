import { normaliseHelpRequest, type HelpRequest } from './helpRequests';
import type { Room } from './types';

// Session control: server-authoritative state changed only by facilitator commands. Pure functions here;
// the server persists the result and pushes it to clients, who treat pushes as hints and re-fetch on reconnect.

export const phases = ['welcome', 'breakouts', 'voting', 'review', 'closed'] as const;
export type Phase = (typeof phases)[number];

export const phaseLabels: Record<Phase, string> = {
  welcome: 'Welcome',
  breakouts: 'Breakouts',
  voting: 'Voting',
  review: 'Review',
  closed: 'Closed',
};

export interface Timer {
  status: 'stopped' | 'running' | 'paused';
  /** Server clock (ms since epoch) when a running timer reaches zero. */
  endsAt: number | null;
  /** Time left when paused or stopped. */
  remainingMs: number;
  durationMs: number;
}

export interface Broadcast {
  id: string;
  text: string;
  /** null: every room. */
  roomId: string | null;
  at: number;
}

export type { HelpRequest, HelpStatus } from './helpRequests';

export interface Voting {
  open: boolean;
  votesPerPerson: number;
  revealed: boolean;
}

export interface ControlState {
  version: number;
  phase: Phase;
  /** Server clock when the current stage began: messages sent before it are stale and not shown to participants. */
  phaseSince: number;
  timer: Timer;
  roomTimers: Record<string, Timer>;
  broadcasts: Broadcast[];
  lockedRooms: string[];
  voting: Voting;
  help: HelpRequest[];
  placement: Placement;
}

/**
 * Facilitator placement (assignmentMode 'facilitator'): people who joined since `since` wait until a facilitator
 * places them (`placed`). Those who were there before the mode was chosen keep their rooms.
 */
export interface Placement {
  since: number;
  placed: string[];
}

export const maxBroadcastHistory = 50;
export const maxHelpHistory = 200;

export const stoppedTimer: Timer = { status: 'stopped', endsAt: null, remainingMs: 0, durationMs: 0 };

export function initialControlState(): ControlState {
  return {
    version: 0,
    phase: 'welcome',
    phaseSince: 0,
    timer: stoppedTimer,
    roomTimers: {},
    broadcasts: [],
    lockedRooms: [],
    voting: { open: false, votesPerPerson: 3, revealed: false },
    help: [],
    placement: { since: 0, placed: [] },
  };
}

/** States stored before a field existed read as if it had always been there ('open' help requests are 'sent'). */
export function normaliseControlState(stored: Partial<ControlState> & Pick<ControlState, 'version'>): ControlState {
  const initial = initialControlState();
  return {
    ...initial,
    ...stored,
    help: (stored.help ?? []).map(normaliseHelpRequest),
    placement: stored.placement ?? initial.placement,
  };
}

/** A new stage: stamped, so the previous stage's messages ("10 minutes left") stop being shown. */
export function withPhase(state: ControlState, phase: Phase, now: number): ControlState {
  return state.phase === phase ? state : { ...state, phase, phaseSince: now };
}

export function remainingMs(timer: Timer, now: number): number {
  if (timer.status === 'running' && timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return timer.remainingMs;
}

export function startTimer(durationMs: number, now: number): Timer {
  return { status: 'running', endsAt: now + durationMs, remainingMs: durationMs, durationMs };
}

export function pauseTimer(timer: Timer, now: number): Timer {
  if (timer.status !== 'running') return timer;
  return { ...timer, status: 'paused', endsAt: null, remainingMs: remainingMs(timer, now) };
}

export function resumeTimer(timer: Timer, now: number): Timer {
  if (timer.status !== 'paused') return timer;
  return { ...timer, status: 'running', endsAt: now + timer.remainingMs };
}

export function addTime(timer: Timer, deltaMs: number, now: number): Timer {
  const left = Math.max(0, remainingMs(timer, now) + deltaMs);
  const durationMs = Math.max(0, timer.durationMs + deltaMs);
  if (timer.status === 'running') return { ...timer, endsAt: now + left, remainingMs: left, durationMs };
  return { ...timer, remainingMs: left, durationMs, status: timer.status === 'stopped' && left > 0 ? 'paused' : timer.status };
}

/** "Nearly up": the last minute, or the last tenth of a short timer. */
export function isNearlyUp(timer: Timer, now: number): boolean {
  const left = remainingMs(timer, now);
  return timer.status === 'running' && left > 0 && left <= Math.min(60_000, Math.max(10_000, timer.durationMs / 10));
}

/** The timer a room sees: its own if a facilitator set one, otherwise the event's. */
export function timerForRoom(state: ControlState, roomId: string | null): Timer {
  const own = roomId ? state.roomTimers[roomId] : undefined;
  return own && own.status !== 'stopped' ? own : state.timer;
}

export function isRoomLocked(state: ControlState, roomId: string): boolean {
  return state.lockedRooms.includes(roomId);
}

/** Participants write only while the session is open and their board is unlocked. */
export function participantsCanWrite(state: ControlState, roomId: string): boolean {
  return state.phase !== 'review' && state.phase !== 'closed' && !isRoomLocked(state, roomId);
}

export function setLocked(state: ControlState, roomIds: readonly string[], locked: boolean): string[] {
  const set = new Set(state.lockedRooms);
  for (const id of roomIds) {
    if (locked) set.add(id);
    else set.delete(id);
  }
  return [...set].sort();
}

export function addBroadcast(broadcasts: readonly Broadcast[], broadcast: Broadcast): Broadcast[] {
  return [...broadcasts, broadcast].slice(-maxBroadcastHistory);
}

export function broadcastsFor(broadcasts: readonly Broadcast[], roomId: string | null): Broadcast[] {
  return broadcasts.filter((b) => b.roomId === null || b.roomId === roomId);
}

/** What a room is shown: its messages sent during the current stage only. */
export function currentBroadcastsFor(state: ControlState, roomId: string): Broadcast[] {
  return broadcastsFor(state.broadcasts, roomId).filter((b) => b.at >= state.phaseSince);
}

/** What a participant in a room is shown: only their room's broadcasts, timer, lock and help requests. */
export interface RoomView {
  version: number;
  phase: Phase;
  timer: Timer;
  broadcasts: Broadcast[];
  locked: boolean;
  canWrite: boolean;
  voting: Voting;
  serverNow: number;
}

export function roomView(state: ControlState, roomId: string, now: number): RoomView {
  return {
    version: state.version,
    phase: state.phase,
    timer: timerForRoom(state, roomId),
    broadcasts: currentBroadcastsFor(state, roomId),
    locked: isRoomLocked(state, roomId),
    canWrite: participantsCanWrite(state, roomId),
    voting: state.voting,
    serverNow: now,
  };
}

/** Keeps room-scoped state consistent after rooms are removed. */
export function withoutRooms(state: ControlState, rooms: readonly Room[]): ControlState {
  const ids = new Set(rooms.map((r) => r.id));
  return {
    ...state,
    lockedRooms: state.lockedRooms.filter((id) => ids.has(id)),
    roomTimers: Object.fromEntries(Object.entries(state.roomTimers).filter(([id]) => ids.has(id))),
  };
}
