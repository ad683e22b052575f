import { randomUUID } from 'node:crypto';
import {
  addBroadcast,
  addTime,
  pauseTimer,
  resumeTimer,
  setLocked,
  startTimer,
  stoppedTimer,
  withPhase,
  type ControlState,
  type Timer,
} from '../../../shared/control';
import { boardDocName } from '../../../shared/docNames';
import { decideHelpStep, type FacilitatorHelpStep, type HelpRequest } from '../../../shared/helpRequests';
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
  | 'help:update'
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

  /** Decided inside the serialised update, so two facilitators' presses cannot skip or undo a step. */
  const markHelpStep = async (eventId: string, helpId: string, step: FacilitatorHelpStep): Promise<HelpRequest> => {
    let result: HelpRequest | undefined;
    await control.update(eventId, (s) => {
      const request = s.help.find((h) => h.id === helpId);
      if (!request) throw new CommandError('unknown_help', 'That help request was not found.');
      const decision = decideHelpStep(request, step);
      if (!decision.ok) throw new CommandError(decision.code, decision.message);
      result = decision.request;
      return decision.request === request ? s : { ...s, help: s.help.map((h) => (h.id === helpId ? decision.request : h)) };
    });
    return result!;
  };

  /** Boards that became writable again are asked to send what they typed meanwhile. */
  const resyncBoards = async (eventId: string, roomIds: readonly string[]) => {
    await Promise.all(roomIds.map((roomId) => yjs.resync(boardDocName(eventId, roomId))));
  };

  return {
    // Moderation of cards is facilitation too; its handlers have their own file.
    ...cardVisibilityHandlers(deps),
    async 'phase:set'({ claims }, { phase }) {
      const state = await control.update(claims.eventId, (s) => withPhase(s, phase, Date.now()));
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

    'help:update': ({ claims }, { helpId, status }) => markHelpStep(claims.eventId, helpId, status),
    'help:resolve': ({ claims }, { helpId }) => markHelpStep(claims.eventId, helpId, 'handled'),
  };
}
