import express, { type Router } from 'express';
import { countByRoom, leastFullRoom } from '../../shared/assignment';
import { joinSchema } from '../../shared/schemas';
import { randomId } from '../events/eventService';
import type { RouteDeps } from './eventRoutes';
import { issueSession } from './eventRoutes';
import { HttpError } from './httpError';
import { clientKey } from './rateLimit';

const codeSchema = joinSchema.shape.joinCode;

export function joinRoutes(deps: RouteDeps): Router {
  const router = express.Router();
  const { store } = deps;

  // Wrong codes are throttled per address; valid ones never are (a venue shares one address).
  const eventByCode = async (req: express.Request, rawCode: unknown) => {
    const code = codeSchema.parse(rawCode);
    const key = clientKey(req);
    deps.limiters?.join.check(key, code);
    const eventId = await store.getEventIdByJoinCode(code);
    const event = eventId ? await store.getEvent(eventId) : undefined;
    if (!event) {
      deps.limiters?.join.failed(key);
      throw new HttpError(404, 'unknown_code', 'We could not find an event with that code. Check it with your facilitator.');
    }
    deps.limiters?.join.succeeded(key, code);
    return event;
  };

  // Public: just enough to show the join page (title, date, rooms). No cards, no names.
  router.get('/join/:code', async (req, res) => {
    const { info } = await eventByCode(req, req.params.code);
    res.json({ eventId: info.id, title: info.title, date: info.date, rooms: info.rooms, assignmentMode: info.assignmentMode });
  });

  router.post('/join', async (req, res) => {
    const input = joinSchema.parse(req.body);
    const { info } = await eventByCode(req, input.joinCode);
    let roomId: string;
    if (info.assignmentMode === 'self-select') {
      if (!input.roomId || !info.rooms.some((r) => r.id === input.roomId)) {
        throw new HttpError(400, 'choose_room', 'Please choose a room to join.');
      }
      roomId = input.roomId;
    } else {
      // Facilitator-assigned events start people in the emptiest room until they are moved.
      const occupancy = countByRoom((await store.listParticipants(info.id)).map((p) => p.roomId));
      const room = leastFullRoom(info.rooms, occupancy);
      if (!room) throw new HttpError(409, 'no_rooms', 'This event has no rooms yet. Please ask your facilitator.');
      roomId = room.id;
    }
    const participantId = `p-${randomId(12)}`;
    await store.addParticipant({ id: participantId, eventId: info.id, roomId, name: input.name, joinedAt: new Date().toISOString() });
    issueSession(res, deps, { role: 'participant', eventId: info.id, participantId, name: input.name });
    res.status(201).json({ eventId: info.id, roomId, participantId, name: input.name });
  });

  return router;
}
