import type { EventOverview } from './activity';
import type { ControlState } from './control';
import { isHelpActive } from './helpRequests';

// "Needs attention" on the control panel: what a facilitator should look at now, most urgent first, each
// with the room to go to. Pure, computed in the browser from the pushed overview and the control state, so
// the list follows the clock ("after N minutes") without the server pushing anything.

export type AttentionKind = 'help' | 'waiting' | 'not-contributed' | 'not-voted' | 'room-offline' | 'room-no-cards';

export interface AttentionItem {
  kind: AttentionKind;
  /** Stable key: the kind and who or which room. */
  key: string;
  roomId: string;
  text: string;
  /** What to do about it, in words. */
  advice: string;
}

export interface AttentionInput {
  overview: Pick<EventOverview, 'rooms' | 'people' | 'stageSince'>;
  state: Pick<ControlState, 'phase' | 'voting' | 'help'>;
  /** How long someone may go without writing (or voting) before they are listed. */
  afterMs: number;
  now: number;
}

export function needsAttention({ overview, state, afterMs, now }: AttentionInput): AttentionItem[] {
  const topicOf = new Map(overview.rooms.map((r) => [r.roomId, r.topic]));
  const labelOf = new Map(overview.people.map((p) => [p.id, p.label]));
  const topic = (roomId: string) => topicOf.get(roomId) ?? roomId;
  const items: AttentionItem[] = [];

  for (const request of state.help) {
    if (!isHelpActive(request)) continue;
    items.push({
      kind: 'help',
      key: `help:${request.id}`,
      roomId: request.roomId,
      text: `${labelOf.get(request.participantId) ?? 'Someone'} asked for help in ${topic(request.roomId)}`,
      advice: 'Go to the room, then mark the request handled.',
    });
  }

  for (const person of overview.people) {
    if (!person.waiting) continue;
    items.push({
      kind: 'waiting',
      key: `waiting:${person.id}`,
      roomId: person.roomId,
      text: `${person.label} is waiting for a room`,
      advice: 'Place them: move them under Rooms & people, or split everyone evenly.',
    });
  }

  const writing = state.phase === 'breakouts';
  const voting = state.phase === 'voting' && state.voting.open;
  const waitedLongEnough = (since: number | null) => since !== null && now - since >= afterMs;
  if ((writing || voting) && overview.stageSince !== null) {
    for (const person of overview.people) {
      if (person.waiting) continue;
      // Someone who joined after the stage began gets their own N minutes.
      const since = Math.max(overview.stageSince, person.lastActive ?? 0);
      if (!waitedLongEnough(since)) continue;
      if (writing && person.cards === 0) {
        items.push({
          kind: 'not-contributed',
          key: `person:${person.id}`,
          roomId: person.roomId,
          text: `${person.label} has not contributed yet (${topic(person.roomId)}${person.online ? '' : ', offline'})`,
          advice: person.online ? 'Check in with them: a prompt or an example can help.' : 'They are offline: their connection may have dropped.',
        });
      } else if (voting && person.votes === 0) {
        items.push({
          kind: 'not-voted',
          key: `person:${person.id}`,
          roomId: person.roomId,
          text: `${person.label} has not voted yet (${topic(person.roomId)})`,
          advice: 'Remind the room how voting works.',
        });
      }
    }
  }

  if (writing || voting) {
    for (const room of overview.rooms) {
      if (room.participants.length > 0 && !room.participants.some((p) => p.online)) {
        items.push({
          kind: 'room-offline',
          key: `room-offline:${room.roomId}`,
          roomId: room.roomId,
          text: `Nobody is online in ${room.topic}`,
          advice: 'Move its people to another room, or check on them.',
        });
      }
    }
  }
  if (writing && waitedLongEnough(overview.stageSince)) {
    for (const room of overview.rooms) {
      if (room.participants.length > 0 && room.cardCount === 0) {
        items.push({
          kind: 'room-no-cards',
          key: `room-no-cards:${room.roomId}`,
          roomId: room.roomId,
          text: `${room.topic} has no cards yet`,
          advice: 'Open its board and help them start.',
        });
      }
    }
  }
  return items;
}
