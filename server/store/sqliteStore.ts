import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { EventInfo, Participant } from '../../shared/types';
import type { LoadedDoc, Store, StoredEvent } from './store';

const schema = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  join_code TEXT NOT NULL UNIQUE,
  info TEXT NOT NULL,
  facilitator_key_hash TEXT NOT NULL,
  organiser_key_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  room_id TEXT NOT NULL,
  name TEXT NOT NULL,
  joined_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_event ON participants(event_id);
CREATE TABLE IF NOT EXISTS doc_updates (
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
`;

/** SQLite in WAL mode: the embedded default store. Calls are synchronous underneath; a commit is durable when the promise resolves. */
export function openSqliteStore(dataDir: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'roundtable.db'));
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives any process crash (kill -9); FULL also survives power loss, at an fsync per commit.
  // Clients keep their edits in IndexedDB and resend them, which covers the power-loss gap in NORMAL mode.
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.exec(schema);

  const q = {
    insertEvent: db.prepare(
      'INSERT INTO events (id, join_code, info, facilitator_key_hash, organiser_key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    getEvent: db.prepare<[string], { info: string; facilitator_key_hash: string; organiser_key_hash: string }>(
      'SELECT info, facilitator_key_hash, organiser_key_hash FROM events WHERE id = ?',
    ),
    eventByCode: db.prepare<[string], { id: string }>('SELECT id FROM events WHERE join_code = ?'),
    updateInfo: db.prepare('UPDATE events SET info = ? WHERE id = ?'),
    deleteEvent: db.prepare('DELETE FROM events WHERE id = ?'),
    deleteDocs: db.prepare("DELETE FROM doc_updates WHERE doc >= ? AND doc < ? || char(1114111)"),
    insertParticipant: db.prepare('INSERT INTO participants (id, event_id, room_id, name, joined_at) VALUES (?, ?, ?, ?, ?)'),
    getParticipant: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?'),
    listParticipants: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE event_id = ? ORDER BY joined_at, id'),
    setRoom: db.prepare('UPDATE participants SET room_id = ? WHERE id = ?'),
    loadDoc: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq'),
    lastSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?'),
    countDoc: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?'),
    append: db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)'),
    deleteUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
  };

  const appendMany = db.transaction((name: string, updates: Uint8Array[]) => {
    let seq = q.lastSeq.get(name)?.seq ?? 0;
    for (const update of updates) q.append.run(name, ++seq, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    return seq;
  });
  // The snapshot takes the seq of the last update it replaces, so later appends keep counting up.
  const compact = db.transaction((name: string, state: Uint8Array, uptoSeq: number) => {
    q.deleteUpTo.run(name, uptoSeq);
    q.append.run(name, uptoSeq, Buffer.from(state));
  });
  const deleteEventTx = db.transaction((id: string, prefixes: string[]) => {
    for (const prefix of prefixes) q.deleteDocs.run(prefix, prefix);
    q.deleteEvent.run(id);
  });

  return {
    async loadDoc(name): Promise<LoadedDoc> {
      const rows = q.loadDoc.all(name);
      return { updates: rows.map((r) => new Uint8Array(r.data)), lastSeq: rows.at(-1)?.seq ?? 0 };
    },
    async appendUpdates(name, updates) {
      return appendMany(name, updates);
    },
    async compactDoc(name, state, uptoSeq) {
      compact(name, state, uptoSeq);
    },
    async countUpdates(name) {
      return q.countDoc.get(name)?.n ?? 0;
    },
    async createEvent(event: StoredEvent) {
      const { info } = event;
      q.insertEvent.run(info.id, info.joinCode, JSON.stringify(info), event.facilitatorKeyHash, event.organiserKeyHash, info.createdAt);
    },
    async getEvent(id) {
      const row = q.getEvent.get(id);
      if (!row) return undefined;
      return {
        info: JSON.parse(row.info) as EventInfo,
        facilitatorKeyHash: row.facilitator_key_hash,
        organiserKeyHash: row.organiser_key_hash,
      };
    },
    async getEventIdByJoinCode(code) {
      return q.eventByCode.get(code)?.id;
    },
    async updateEventInfo(info) {
      q.updateInfo.run(JSON.stringify(info), info.id);
    },
    async deleteEvent(id, docPrefixes) {
      deleteEventTx(id, docPrefixes);
    },
    async addParticipant(p: Participant) {
      q.insertParticipant.run(p.id, p.eventId, p.roomId, p.name, p.joinedAt);
    },
    async getParticipant(id) {
      const row = q.getParticipant.get(id);
      return row && toParticipant(row);
    },
    async listParticipants(eventId) {
      return q.listParticipants.all(eventId).map(toParticipant);
    },
    async setParticipantRoom(id, roomId) {
      q.setRoom.run(roomId, id);
    },
    async close() {
      db.close();
    },
  };
}

interface ParticipantRow {
  id: string;
  event_id: string;
  room_id: string;
  name: string;
  joined_at: string;
}

function toParticipant(row: ParticipantRow): Participant {
  return { id: row.id, eventId: row.event_id, roomId: row.room_id, name: row.name, joinedAt: row.joined_at };
}
