import type { Participant } from '../../shared/types';

/** A participants row as both SQL stores return it. */
export interface ParticipantRow {
  id: string;
  event_id: string;
  room_id: string;
  name: string;
  joined_at: string;
}

export function toParticipant(row: ParticipantRow): Participant {
  return { id: row.id, eventId: row.event_id, roomId: row.room_id, name: row.name, joinedAt: row.joined_at };
}
