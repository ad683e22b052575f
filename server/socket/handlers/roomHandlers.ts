import { addCard, readCards, setCardHidden } from '../../../shared/boardDoc';
import { evenSplit } from '../../../shared/assignment';
import { withoutRooms } from '../../../shared/control';
import { boardDocName } from '../../../shared/docNames';
import { limits } from '../../../shared/limits';
import { isAwaitingPlacement, withPlaced, withPlacementMode } from '../../../shared/placement';
import type { EventInfo } from '../../../shared/types';
import { roomsWithIds } from '../../events/eventService';
import { visibilityKey } from '../../moderation/cardVisibility';
import { closeReasons } from '../../../shared/closeCodes';
import { CommandError, type CommandHandlers } from '../commandRouter';
import { eventDetailsHandlers } from './eventDetailsHandlers';
import { namesHandlers } from './namesHandlers';
import { questionsHandlers } from './questionsHandlers';
import { templateHandlers } from './templateHandlers';
import { changeEvent as changeEventOf, eventOf, requireRoom, type HandlerDeps } from './handlerDeps';

type Handlers = Pick<CommandHandlers, 'room:add' | 'room:rename' | 'room:remove' | 'assign:mode' | 'assign:even' | 'participant:move' | 'event:details' | 'questions:set' | 'template:save' | 'names:set'>;

export function roomHandlers(deps: HandlerDeps): Handlers {
  const { store, liveDocs, realtime, yjs, control } = deps;

  const changeEvent = (eventId: string, change: (info: EventInfo) => Promise<EventInfo> | EventInfo) => changeEventOf(deps, eventId, change);

  const moveParticipant = async (eventId: string, participantId: string, roomId: string) => {
    await store.setParticipantRoom(participantId, roomId);
    // Placed by a facilitator: someone on the waiting screen goes to their board (placement.ts).
    await control.update(eventId, (s) => withPlaced(s, [participantId]));
    // Their board connection is for the old room: close it so the client reopens the new one.
    yjs.disconnectParticipant(participantId, closeReasons.moved.code, closeReasons.moved.reason);
    await realtime.moveSockets(eventId, participantId, roomId);
  };

  return {
    // The event's other metadata changes (details, questions, saving as a template): registered with the rooms'
    // so server/app.ts needs no new line.
    ...eventDetailsHandlers(deps),
    ...questionsHandlers(deps),
    ...templateHandlers(deps),
    ...namesHandlers(deps),

    async 'room:add'({ claims }, { topic }) {
      const info = await changeEvent(claims.eventId, (event) => {
        if (event.rooms.length >= limits.roomsPerEvent) throw new CommandError('too_many_rooms', `An event can have up to ${limits.roomsPerEvent} rooms.`);
        return { ...event, rooms: roomsWithIds([...event.rooms, { topic }]) };
      });
      return info.rooms.at(-1);
    },

    async 'room:rename'({ claims }, { roomId, topic }) {
      const info = await changeEvent(claims.eventId, (event) => {
        requireRoom(event, roomId);
        return { ...event, rooms: event.rooms.map((r) => (r.id === roomId ? { ...r, topic } : r)) };
      });
      return info.rooms.find((r) => r.id === roomId);
    },

    async 'room:remove'({ claims }, { roomId, moveTo, cards }) {
      const { eventId } = claims;
      let moved = 0;
      await changeEvent(eventId, async (event) => {
        requireRoom(event, roomId);
        requireRoom(event, moveTo);
        if (roomId === moveTo) throw new CommandError('same_room', 'Choose a different room to move people to.');
        const source = boardDocName(eventId, roomId);
        // No card of the source room is hidden or shown while its cards move.
        await deps.serial(visibilityKey(eventId, roomId), async () => {
          if (cards === 'move') {
            // Hidden cards move with an empty text; their saved texts follow below (after the cards, so
            // a listing of the new room never takes them for texts of deleted cards).
            const sourceCards = await liveDocs.withDoc(source, (live) => readCards(live.doc));
            await liveDocs.withDoc(boardDocName(eventId, moveTo), (live) => {
              live.doc.transact(() => {
                for (const card of sourceCards) {
                  addCard(live.doc, card);
                  if (card.hidden) setCardHidden(live.doc, card.id, true);
                }
              });
            });
            moved = sourceCards.length;
          }
          await store.moveHiddenCards(eventId, roomId, cards === 'move' ? moveTo : null);
        });
        await store.moveRoomVotes(eventId, roomId, cards === 'move' ? moveTo : null);
        await liveDocs.discard(source, closeReasons.roomRemoved.code, closeReasons.roomRemoved.reason);
        await store.deleteDoc(source);
        return { ...event, rooms: event.rooms.filter((r) => r.id !== roomId) };
      });
      const people = (await store.listParticipants(eventId)).filter((p) => p.roomId === roomId);
      for (const person of people) await moveParticipant(eventId, person.id, moveTo);
      const info = await eventOf(deps, eventId);
      await control.update(eventId, (s) => withoutRooms(s, info.rooms));
      return { movedCards: moved, movedPeople: people.length, cardsDeleted: cards === 'delete' };
    },

    async 'assign:mode'({ claims }, { mode }) {
      const info = await changeEvent(claims.eventId, async (event) => {
        await control.update(claims.eventId, (s) => withPlacementMode(s, event.assignmentMode, mode, Date.now()));
        return { ...event, assignmentMode: mode };
      });
      return { mode: info.assignmentMode };
    },

    async 'assign:even'({ claims }) {
      const event = await eventOf(deps, claims.eventId);
      const people = await store.listParticipants(claims.eventId);
      const split = evenSplit(people, event.rooms);
      const { placement } = await control.get(claims.eventId);
      let moves = 0;
      for (const [roomId, members] of split) {
        for (const person of members) {
          if (person.roomId === roomId && !isAwaitingPlacement(event.assignmentMode, placement, person)) continue;
          await moveParticipant(claims.eventId, person.id, roomId);
          moves++;
        }
      }
      realtime.scheduleOverview(claims.eventId);
      return { moves };
    },

    async 'participant:move'({ claims }, { participantId, roomId }) {
      requireRoom(await eventOf(deps, claims.eventId), roomId);
      const participant = await store.getParticipant(participantId);
      if (!participant || participant.eventId !== claims.eventId) throw new CommandError('unknown_participant', 'That person is not in this event.');
      const waiting = isAwaitingPlacement((await eventOf(deps, claims.eventId)).assignmentMode, (await control.get(claims.eventId)).placement, participant);
      if (participant.roomId !== roomId || waiting) await moveParticipant(claims.eventId, participantId, roomId);
      realtime.scheduleOverview(claims.eventId);
      return { participantId, roomId };
    },
  };
}
