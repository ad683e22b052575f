import type { EventInfo, Participant } from '../../shared/types';

// The one storage interface. SQLite implements it now; a PostgreSQL one can follow without touching callers.
// Methods are async so that a networked store fits the same shape.

export interface StoredEvent {
  info: EventInfo;
  facilitatorKeyHash: string;
  organiserKeyHash: string;
}

export interface LoadedDoc {
  /** Snapshot first (if any), then appended updates in order. */
  updates: Uint8Array[];
  lastSeq: number;
}

export interface DocStore {
  loadDoc(name: string): Promise<LoadedDoc>;
  /** Appends updates durably, in order; resolves only once they are committed. */
  appendUpdates(name: string, updates: Uint8Array[]): Promise<number>;
  /** Replaces everything up to and including uptoSeq with one snapshot. */
  compactDoc(name: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  countUpdates(name: string): Promise<number>;
}

export interface EventStore {
  createEvent(event: StoredEvent): Promise<void>;
  getEvent(id: string): Promise<StoredEvent | undefined>;
  getEventIdByJoinCode(code: string): Promise<string | undefined>;
  updateEventInfo(info: EventInfo): Promise<void>;
  /** Deletes the event, its participants and every document whose name starts with one of docPrefixes. */
  deleteEvent(id: string, docPrefixes: string[]): Promise<void>;
  addParticipant(participant: Participant): Promise<void>;
  getParticipant(id: string): Promise<Participant | undefined>;
  listParticipants(eventId: string): Promise<Participant[]>;
  setParticipantRoom(id: string, roomId: string): Promise<void>;
}

export interface Store extends DocStore, EventStore {
  close(): Promise<void>;
}
