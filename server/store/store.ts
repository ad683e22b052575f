import type { ControlState } from '../../shared/control';
import type { VoteRow } from '../../shared/votes';
import type { LinkRole } from '../../shared/links';
import type { EventInfo, Participant, Template } from '../../shared/types';

// The one storage interface. SQLite implements it now; a PostgreSQL one can follow without touching callers.
// Methods are async so that a networked store fits the same shape.

export interface StoredEvent {
  info: EventInfo;
  /** The main links' key hashes at creation; createEvent makes them the event's first two links (event_links). */
  facilitatorKeyHash: string;
  organiserKeyHash: string;
}

/**
 * A facilitator or organiser link (shared/links.ts): only the hash of its key is kept. `generation` goes
 * up each time the key is replaced, and sessions carry the generation they were opened with, so a
 * replaced or revoked link ends exactly the sessions opened with it.
 */
export interface StoredLink {
  eventId: string;
  id: string;
  role: LinkRole;
  label: string;
  keyHash: string;
  generation: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The event's links; the main two come from createEvent and go with the event's deletion (cascade). */
export interface LinkStore {
  /** Every link of the event, revoked ones included, oldest first. */
  listLinks(eventId: string): Promise<StoredLink[]>;
  addLink(link: StoredLink): Promise<void>;
  /** A live link gets a new key hash and the next generation (a main link's hash is kept on the event row too); undefined if there is none. */
  rekeyLink(eventId: string, id: string, keyHash: string): Promise<StoredLink | undefined>;
  /** Stops a live link for good; false if there was none. */
  revokeLink(eventId: string, id: string, at: string): Promise<boolean>;
  markLinkUsed(eventId: string, id: string, at: string): Promise<void>;
}

export interface LoadedDoc {
  /** Snapshot first (if any), then appended updates in order. */
  updates: Uint8Array[];
  lastSeq: number;
  /** The state vector of updates[0], when the document is stored as exactly one snapshot that kept it. */
  stateVector?: Uint8Array;
}

export interface DocStore {
  loadDoc(name: string): Promise<LoadedDoc>;
  /** Appends updates durably, in order; resolves only once they are committed. Returns the last seq. */
  appendUpdates(name: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Appends for several documents in one commit (group commit); returns each document's last seq. A store that
   * commits synchronously (SQLite's update log) returns the result itself, so the commit round need not wait a turn.
   */
  appendBatch(entries: readonly { name: string; updates: readonly Uint8Array[] }[]): Map<string, number> | Promise<Map<string, number>>;
  /** Replaces everything up to and including uptoSeq with one snapshot (and its state vector, if the store keeps it). */
  compactDoc(name: string, state: Uint8Array, uptoSeq: number, stateVector?: Uint8Array): Promise<void>;
  countUpdates(name: string): Promise<number>;
  deleteDoc(name: string): Promise<void>;
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
  getControl(eventId: string): Promise<ControlState | undefined>;
  /**
   * Saves state.version over expectedVersion; false if another server saved first (optimistic
   * concurrency: the caller re-reads and retries).
   */
  saveControl(eventId: string, state: ControlState, expectedVersion: number): Promise<boolean>;
  listVotes(eventId: string): Promise<VoteRow[]>;
  /** Sets one voter's count on one card (0 removes it). */
  setVote(eventId: string, vote: VoteRow): Promise<void>;
  /** Votes follow their cards when a room's cards move to another room (toRoomId null deletes them). */
  moveRoomVotes(eventId: string, fromRoomId: string, toRoomId: string | null): Promise<void>;
  /** Every event's id, creation time and event date, for the retention sweep. */
  listEventDates(): Promise<{ id: string; createdAt: string; date: string }[]>;
  /** Makes deleted rows unrecoverable from the files on disk (zeroed pages, WAL truncated). */
  purgeDeleted(): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(eventId: string, limit: number): Promise<AuditEntry[]>;
  /** Saves (or replaces) a hidden card's text, kept here instead of in the board document participants sync. */
  saveHiddenCard(row: HiddenCardRow): Promise<void>;
  listHiddenCards(eventId: string): Promise<HiddenCardRow[]>;
  deleteHiddenCard(eventId: string, roomId: string, cardId: string): Promise<void>;
  /** Saved texts follow their cards when a room's cards move to another room (toRoomId null deletes them). */
  moveHiddenCards(eventId: string, fromRoomId: string, toRoomId: string | null): Promise<void>;
  /** Saves (or replaces) the event's logo; the event's deletion removes it by cascade. */
  saveLogo(eventId: string, logo: StoredLogo, savedAt: string): Promise<void>;
  getLogo(eventId: string): Promise<StoredLogo | undefined>;
  deleteLogo(eventId: string): Promise<void>;
}

/** An organisation's logo for the exports' title block: validated on upload, SVG already rasterised to PNG. */
export interface StoredLogo {
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** The text of a card a facilitator hid: only staff read it (the event's deletion removes it by cascade). */
export interface HiddenCardRow {
  eventId: string;
  roomId: string;
  cardId: string;
  text: string;
  /** The card's second field, saved with its text ('' when it has none). */
  detail?: string;
  hiddenAt: string;
}

/** What a facilitator did, for accountability (UK GDPR): who, when, which command, on what. */
export interface AuditEntry {
  eventId: string;
  at: string;
  actorId: string;
  actorRole: string;
  action: string;
  detail: string;
}

/** Templates organisers saved from their events on this server (the built-in ones live in shared/templates.ts). */
export interface TemplateStore {
  /** Saves a new template; its id must be new. */
  saveTemplate(template: Template, savedAt: string): Promise<void>;
  /** Oldest first, so the library keeps its order as templates are added. */
  listTemplates(): Promise<Template[]>;
  getTemplate(id: string): Promise<Template | undefined>;
}

export interface Store extends DocStore, EventStore, TemplateStore, LinkStore {
  close(): Promise<void>;
}
