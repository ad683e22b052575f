import express, { type Router } from 'express';
import { z } from 'zod';
import { countByRoom, leastFullRoom } from '../../shared/assignment';
import { namesModeOf, nextPseudonym } from '../../shared/namesMode';
import { joinCodeSchema, joinSchemaFor } from '../../shared/schemas';
import { withJoinsOrdered } from '../events/namesModes';
import { randomId } from '../events/eventService';
import type { RouteDeps } from './eventRoutes';
import { issueSession } from './eventRoutes';
import { HttpError } from './httpError';
import { clientKey } from './rateLimit';

const codeSchema = joinCodeSchema;
const joinRequestCode = z.looseObject({ joinCode: joinCodeSchema });

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

  // Public: just enough to show the join page (title, date, rooms, whether a name is asked). No cards, no names.
  router.get('/join/:code', async (req, res) => {
    const { info } = await eventByCode(req, req.params.code);
    res.json({ eventId: info.id, title: info.title, date: info.date, rooms: info.rooms, assignmentMode: info.assignmentMode, namesMode: namesModeOf(info) });
  });

  // The body is read in two steps: its code finds the event, whose names setting decides the strict schema
  // (an anonymous event refuses a name). Joins are ordered with changes of that setting (withJoinsOrdered).
  router.post('/join', async (req, res) => {
    const { joinCode } = joinRequestCode.parse(req.body);
    const { info: found } = await eventByCode(req, joinCode);
    const joined = await withJoinsOrdered(found.id, () => join(found.id, req.body));
    issueSession(res, deps, { role: 'participant', ...joined });
    res.status(201).json(joined);
  });

  async function join(eventId: string, body: unknown) {
    // Read again inside the queue: the setting may have changed while this request waited.
    const info = (await store.getEvent(eventId))?.info;
    if (!info) throw new HttpError(404, 'unknown_code', 'We could not find an event with that code. Check it with your facilitator.');
    const namesMode = namesModeOf(info);
    const input = joinSchemaFor(namesMode).parse(body);
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
    // Anonymous: no name is ever received or stored, only a label the server makes ("Participant 3"),
    // so nobody can reveal later who wrote what.
    const name = 'name' in input && input.name !== undefined ? input.name : nextPseudonym((await store.listParticipants(info.id)).map((p) => p.name));
    await store.addParticipant({ id: participantId, eventId: info.id, roomId, name, joinedAt: new Date().toISOString() });
    return { eventId: info.id, roomId, participantId, name };
  }

  return router;
}
