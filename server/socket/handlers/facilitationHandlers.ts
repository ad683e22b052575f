import { randomUUID } from 'node:crypto';
import {
  addBroadcast,
  addTime,
  pauseTimer,
  resumeTimer,
  setLocked,
  startTimer,
  stoppedTimer,
  type ControlState,
  type Timer,
} from '../../../shared/control';
import { boardDocName } from '../../../shared/docNames';
import { CommandError, type CommandHandlers } from '../commandRouter';
import { cardVisibilityHandlers } from './cardVisibilityHandlers';
import { eventOf, requireRoom, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<
  CommandHandlers,
  | 'phase:set'
  | 'timer:start'
  | 'timer:pause'
  | 'timer:resume'
  | 'timer:add'
  | 'timer:stop'
  | 'broadcast:send'
  | 'lock:set'
  | 'voting:set'
  | 'help:resolve'
  | 'card:hide'
  | 'card:show'
  | 'hiddenCards:get'
>;

/** Applies a timer change to the event's timer, or to one room's own timer. */
function withTimer(state: ControlState, roomId: string | null, change: (timer: Timer) => Timer): ControlState {
  if (roomId === null) return { ...state, timer: change(state.timer) };
  return { ...state, roomTimers: { ...state.roomTimers, [roomId]: change(state.roomTimers[roomId] ?? stoppedTimer) } };
}

export function facilitationHandlers(deps: HandlerDeps): Handlers {
  const { control, yjs } = deps;

  const timerCommand = (change: (timer: Timer, now: number, payload: { seconds?: number }) => Timer) => {
    return async ({ claims }: { claims: { eventId: string } }, payload: { roomId: string | null; seconds?: number }) => {
      if (payload.roomId) requireRoom(await eventOf(deps, claims.eventId), payload.roomId);
      const now = Date.now();
      const state = await control.update(claims.eventId, (s) => withTimer(s, payload.roomId, (t) => change(t, now, payload)));
      return { timer: payload.roomId ? state.roomTimers[payload.roomId] : state.timer, serverNow: now };
    };
  };

  /** Boards that became writable again are asked to send what they typed meanwhile. */
  const resyncBoards = async (eventId: string, roomIds: readonly string[]) => {
    await Promise.all(roomIds.map((roomId) => yjs.resync(boardDocName(eventId, roomId))));
  };

  return {
    // Moderation of cards is facilitation too; its handlers have their own file.
    ...cardVisibilityHandlers(deps),
    async 'phase:set'({ claims }, { phase }) {
      const state = await control.update(claims.eventId, (s) => (s.phase === phase ? s : { ...s, phase }));
      await resyncBoards(claims.eventId, (await eventOf(deps, claims.eventId)).rooms.map((r) => r.id));
      return { phase: state.phase };
    },
    'timer:start': timerCommand((_t, now, p) => startTimer((p.seconds ?? 0) * 1000, now)),
    'timer:pause': timerCommand((t, now) => pauseTimer(t, now)),
    'timer:resume': timerCommand((t, now) => resumeTimer(t, now)),
    'timer:add': timerCommand((t, now, p) => addTime(t, (p.seconds ?? 0) * 1000, now)),
    'timer:stop': timerCommand(() => stoppedTimer),

    async 'broadcast:send'({ claims }, { roomId, text }) {
      if (roomId) requireRoom(await eventOf(deps, claims.eventId), roomId);
      const broadcast = { id: randomUUID(), text, roomId, at: Date.now() };
      await control.update(claims.eventId, (s) => ({ ...s, broadcasts: addBroadcast(s.broadcasts, broadcast) }));
      return broadcast;
    },

    async 'lock:set'({ claims }, { roomIds, locked }) {
      const event = await eventOf(deps, claims.eventId);
      for (const roomId of roomIds) requireRoom(event, roomId);
      const state = await control.update(claims.eventId, (s) => ({ ...s, lockedRooms: setLocked(s, roomIds, locked) }));
      if (!locked) await resyncBoards(claims.eventId, roomIds);
      return { lockedRooms: state.lockedRooms };
    },

    async 'voting:set'({ claims }, { open, votesPerPerson, revealed }) {
      const state = await control.update(claims.eventId, (s) => ({
        ...s,
        voting: { open, votesPerPerson: votesPerPerson ?? s.voting.votesPerPerson, revealed: revealed ?? s.voting.revealed },
      }));
      const event = await eventOf(deps, claims.eventId);
      if (state.voting.revealed) await Promise.all(event.rooms.map((r) => deps.realtime.publishVotes(claims.eventId, r.id)));
      return state.voting;
    },

    async 'help:resolve'({ claims }, { helpId }) {
      const state = await control.get(claims.eventId);
      if (!state.help.some((h) => h.id === helpId)) throw new CommandError('unknown_help', 'That help request was not found.');
      await control.update(claims.eventId, (s) => ({ ...s, help: s.help.map((h) => (h.id === helpId ? { ...h, status: 'handled' as const } : h)) }));
      return null;
    },
  };
}
