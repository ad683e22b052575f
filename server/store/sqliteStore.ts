import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { ControlState } from '../../shared/control';
import type { EventInfo, Participant, Template } from '../../shared/types';
import type { LoadedDoc, Store, StoredEvent } from './store';
import { eventLinksSchema, linkColumns, linkValues, mainKeyColumn, mainLinksOf, toStoredLink, type LinkRow } from './linkRows';
import { openLogFolder, type FoldedRow } from './logFolder';
import { ensurePrivateDir, makePrivate, openPrivateFile } from './privateFiles';
import { decodeStoredRow, encodeRow, encodeSnapshotRowAsync } from './rowCodec';
import type { LogEntry } from './updateLog';

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
CREATE TABLE IF NOT EXISTS control (
  event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS votes (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  room_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (event_id, card_id, voter_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_event ON audit(event_id, id);
CREATE TABLE IF NOT EXISTS doc_updates (
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hidden_cards (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  room_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  text TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  hidden_at TEXT NOT NULL,
  PRIMARY KEY (event_id, room_id, card_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event_logos (
  event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY,
  saved_at TEXT NOT NULL,
  template TEXT NOT NULL
);
`;

export interface SqliteStoreOptions {
  synchronous?: 'NORMAL' | 'FULL';
  /** Fold the update log into SQLite at least this often… */
  foldIntervalMs?: number;
  /** …or as soon as it holds this many bytes. */
  foldBytes?: number;
  /** A failed fold keeps the log (its updates are durable there) and is retried; this is told why. */
  onFoldError?(error: unknown): void;
}

/**
 * SQLite in WAL mode: the embedded default store. Calls are synchronous underneath; a commit is durable
 * when the promise resolves. Document updates go first to an append-only log file (updateLog.ts) and are
 * folded into SQLite in bulk, one row per document, every 30 s (logFolder.ts).
 */
/** The page size of a database this store creates. */
export const sqlitePageBytes = 1024;

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): Store {
  ensurePrivateDir(dataDir);
  const dbFile = path.join(dataDir, 'roundtable.db');
  const walFile = `${dbFile}-wal`;
  // Created 0600 before SQLite opens it: SQLite gives -wal and -shm the database file's mode.
  fs.closeSync(openPrivateFile(dbFile, fs.constants.O_RDWR | fs.constants.O_CREAT));
  const db = new Database(dbFile);
  // Small pages for a new database (an existing one keeps its own: WAL mode fixes it). A fold writes at least one
  // leaf page per document however small its row, so 1 KiB pages write a quarter of 4 KiB ones: settled write
  // amplification 3.3× against 4.4–5.2×, cold join of a 2,000-card board unchanged (BENCHMARKS.md, T11).
  db.pragma(`page_size = ${sqlitePageBytes}`);
  db.pragma('journal_mode = WAL');
  // Files an older version left with the umask's mode are tightened too.
  for (const suffix of ['-wal', '-shm']) makePrivate(dbFile + suffix);
  // NORMAL in WAL mode survives any process crash (kill -9); FULL also survives power loss, at an fsync per commit.
  // Clients keep their edits in IndexedDB and resend them, which covers the power-loss gap in NORMAL mode.
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  // Deleted rows (an erased event, compacted updates) are zeroed, not left in free pages (UK GDPR erasure).
  db.pragma('secure_delete = ON');
  db.exec(schema);
  db.exec(eventLinksSchema);
  // Databases from before compressed rows: every existing row is a plain update (codec 0).
  if (!(db.pragma('table_info(doc_updates)') as { name: string }[]).some((column) => column.name === 'codec')) {
    db.exec('ALTER TABLE doc_updates ADD COLUMN codec INTEGER NOT NULL DEFAULT 0');
  }
  // Saved hidden cards from before cards had a second field.
  if (!(db.pragma('table_info(hidden_cards)') as { name: string }[]).some((column) => column.name === 'detail')) {
    db.exec("ALTER TABLE hidden_cards ADD COLUMN detail TEXT NOT NULL DEFAULT ''");
  }

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
    loadDoc: db.prepare<[string], { seq: number; codec: number; data: Buffer }>('SELECT seq, codec, data FROM doc_updates WHERE doc = ? ORDER BY seq'),
    lastSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?'),
    countDoc: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?'),
    append: db.prepare('INSERT INTO doc_updates (doc, seq, codec, data) VALUES (?, ?, ?, ?)'),
    deleteUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    getControl: db.prepare<[string], { state: string }>('SELECT state FROM control WHERE event_id = ?'),
    insertControl: db.prepare('INSERT INTO control (event_id, state) VALUES (?, ?) ON CONFLICT(event_id) DO NOTHING'),
    updateControl: db.prepare("UPDATE control SET state = ? WHERE event_id = ? AND json_extract(state, '$.version') = ?"),
    listVotes: db.prepare<[string], { room_id: string; card_id: string; voter_id: string; count: number }>(
      'SELECT room_id, card_id, voter_id, count FROM votes WHERE event_id = ?',
    ),
    upsertVote: db.prepare(
      'INSERT INTO votes (event_id, room_id, card_id, voter_id, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT(event_id, card_id, voter_id) DO UPDATE SET count = excluded.count, room_id = excluded.room_id',
    ),
    moveRoomVotes: db.prepare('UPDATE votes SET room_id = ? WHERE event_id = ? AND room_id = ?'),
    deleteRoomVotes: db.prepare('DELETE FROM votes WHERE event_id = ? AND room_id = ?'),
    deleteDoc: db.prepare('DELETE FROM doc_updates WHERE doc = ?'),
    deleteVote: db.prepare('DELETE FROM votes WHERE event_id = ? AND card_id = ? AND voter_id = ?'),
    appendAudit: db.prepare('INSERT INTO audit (event_id, at, actor_id, actor_role, action, detail) VALUES (?, ?, ?, ?, ?, ?)'),
    listEventDates: db.prepare<[], { id: string; created_at: string; date: string | null }>(
      "SELECT id, created_at, json_extract(info, '$.date') AS date FROM events",
    ),
    listAudit: db.prepare<[string, number], { event_id: string; at: string; actor_id: string; actor_role: string; action: string; detail: string }>(
      'SELECT * FROM (SELECT * FROM audit WHERE event_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    ),
  };

  const hidden = {
    save: db.prepare(
      'INSERT INTO hidden_cards (event_id, room_id, card_id, text, detail, hidden_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(event_id, room_id, card_id) DO UPDATE SET text = excluded.text, detail = excluded.detail, hidden_at = excluded.hidden_at',
    ),
    list: db.prepare<[string], { room_id: string; card_id: string; text: string; detail: string; hidden_at: string }>(
      'SELECT room_id, card_id, text, detail, hidden_at FROM hidden_cards WHERE event_id = ? ORDER BY room_id, card_id',
    ),
    delete: db.prepare('DELETE FROM hidden_cards WHERE event_id = ? AND room_id = ? AND card_id = ?'),
    deleteRoom: db.prepare('DELETE FROM hidden_cards WHERE event_id = ? AND room_id = ?'),
    // A moved card replaces one of the same id in the target room (as it does in the board document).
    dropOverwritten: db.prepare('DELETE FROM hidden_cards WHERE event_id = ? AND room_id = ? AND card_id IN (SELECT card_id FROM hidden_cards WHERE event_id = ? AND room_id = ?)'),
    move: db.prepare('UPDATE hidden_cards SET room_id = ? WHERE event_id = ? AND room_id = ?'),
  };
  const savedTemplates = {
    insert: db.prepare('INSERT INTO templates (id, saved_at, template) VALUES (?, ?, ?)'),
    list: db.prepare<[], { template: string }>('SELECT template FROM templates ORDER BY saved_at, id'),
    get: db.prepare<[string], { template: string }>('SELECT template FROM templates WHERE id = ?'),
  };
  const logos = {
    save: db.prepare(
      'INSERT INTO event_logos (event_id, mime, width, height, bytes, saved_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO UPDATE SET mime = excluded.mime, width = excluded.width, height = excluded.height, bytes = excluded.bytes, saved_at = excluded.saved_at',
    ),
    get: db.prepare<[string], { mime: 'image/png' | 'image/jpeg'; width: number; height: number; bytes: Buffer }>(
      'SELECT mime, width, height, bytes FROM event_logos WHERE event_id = ?',
    ),
    delete: db.prepare('DELETE FROM event_logos WHERE event_id = ?'),
  };
  const links = {
    insert: db.prepare(`INSERT INTO event_links (${linkColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    list: db.prepare<[string], LinkRow>(`SELECT ${linkColumns} FROM event_links WHERE event_id = ? ORDER BY created_at, id`),
    rekey: db.prepare<[string, string, string], LinkRow>(
      `UPDATE event_links SET key_hash = ?, generation = generation + 1 WHERE event_id = ? AND id = ? AND revoked_at IS NULL RETURNING ${linkColumns}`,
    ),
    revoke: db.prepare('UPDATE event_links SET revoked_at = ? WHERE event_id = ? AND id = ? AND revoked_at IS NULL'),
    used: db.prepare('UPDATE event_links SET last_used_at = ? WHERE event_id = ? AND id = ?'),
    mainHash: {
      facilitator_key_hash: db.prepare('UPDATE events SET facilitator_key_hash = ? WHERE id = ?'),
      organiser_key_hash: db.prepare('UPDATE events SET organiser_key_hash = ? WHERE id = ?'),
    },
  };
  const createEventTx = db.transaction((event: StoredEvent) => {
    const { info } = event;
    q.insertEvent.run(info.id, info.joinCode, JSON.stringify(info), event.facilitatorKeyHash, event.organiserKeyHash, info.createdAt);
    for (const link of mainLinksOf(event)) links.insert.run(...linkValues(link));
  });
  const rekeyTx = db.transaction((eventId: string, id: string, keyHash: string) => {
    const row = links.rekey.get(keyHash, eventId, id);
    const column = mainKeyColumn(id);
    if (row && column) links.mainHash[column].run(keyHash, eventId);
    return row && toStoredLink(row);
  });
  const moveHiddenTx = db.transaction((eventId: string, fromRoomId: string, toRoomId: string) => {
    hidden.dropOverwritten.run(eventId, toRoomId, eventId, fromRoomId);
    hidden.move.run(toRoomId, eventId, fromRoomId);
  });

  // One process owns the files, so each document's last seq can live in memory after the first look-up.
  const lastSeqs = new Map<string, number>();
  const storedSeq = (name: string) => lastSeqs.get(name) ?? q.lastSeq.get(name)?.seq ?? 0;
  const foldRows = db.transaction((rows: readonly FoldedRow[]) => {
    for (const row of rows) {
      // A snapshot written while the fold was compressing may already cover this row.
      if (row.seq > (q.lastSeq.get(row.name)?.seq ?? 0)) q.append.run(row.name, row.seq, row.codec, row.data);
    }
  });
  const folder = openLogFolder({
    file: path.join(dataDir, 'roundtable.updates.log'),
    sync: options.synchronous === 'FULL',
    foldIntervalMs: options.foldIntervalMs ?? 30_000,
    foldBytes: options.foldBytes ?? 4 * 1024 * 1024,
    storedSeq: (name) => q.lastSeq.get(name)?.seq ?? 0,
    commit: (rows) => foldRows(rows),
    // In WAL mode a commit is durable once the WAL file is (what synchronous = FULL does at every commit).
    syncToDisk() {
      const fd = fs.openSync(walFile, 'r+');
      try {
        fs.fdatasyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    },
    async syncToDiskAsync() {
      const file = await fs.promises.open(walFile, 'r+');
      try {
        await file.datasync();
      } finally {
        await file.close();
      }
    },
    ...(options.onFoldError ? { onFoldError: options.onFoldError } : {}),
  });

  // The snapshot takes the seq of the last update it replaces, so later appends keep counting up.
  const compact = db.transaction((name: string, uptoSeq: number, row: { codec: number; data: Buffer }) => {
    q.deleteUpTo.run(name, uptoSeq);
    q.append.run(name, uptoSeq, row.codec, row.data);
  });
  const deleteEventTx = db.transaction((id: string, prefixes: string[]) => {
    for (const prefix of prefixes) q.deleteDocs.run(prefix, prefix);
    q.deleteEvent.run(id);
  });

  return {
    async loadDoc(name): Promise<LoadedDoc> {
      const rows = q.loadDoc.all(name).map((r) => ({ seq: r.seq, ...decodeStoredRow(r.codec, r.data) }));
      const pending = folder.pendingFor(name);
      return {
        updates: [...rows.flatMap((r) => r.updates), ...pending.map((entry) => entry.update)],
        lastSeq: pending.at(-1)?.seq ?? rows.at(-1)?.seq ?? 0,
        ...(rows.length === 1 && pending.length === 0 && rows[0]!.stateVector ? { stateVector: rows[0]!.stateVector } : {}),
      };
    },
    async appendUpdates(name, updates) {
      return (await this.appendBatch([{ name, updates }])).get(name) ?? lastSeqs.get(name) ?? 0;
    },
    appendBatch(entries) {
      const batch: LogEntry[] = [];
      const result = new Map<string, number>();
      for (const { name, updates } of entries) {
        let seq = storedSeq(name);
        for (const update of updates) batch.push({ doc: name, seq: ++seq, update });
        result.set(name, seq);
      }
      // Nothing moves on unless the write succeeded (a failed append leaves seqs and memory as they were).
      folder.append(batch);
      for (const [name, seq] of result) lastSeqs.set(name, seq);
      return result;
    },
    async compactDoc(name, state, uptoSeq, stateVector) {
      // Compressed off the event loop (a 2,000-card snapshot takes ~10 ms to deflate); rows a fold inserts
      // meanwhile at or below uptoSeq are deleted by the same transaction that inserts the snapshot.
      const row = stateVector ? await encodeSnapshotRowAsync(state, stateVector) : encodeRow(state);
      compact(name, uptoSeq, row);
      folder.dropCovered(name, uptoSeq);
    },
    async countUpdates(name) {
      return (q.countDoc.get(name)?.n ?? 0) + folder.pendingFor(name).length;
    },
    async createEvent(event: StoredEvent) {
      createEventTx(event);
    },
    async listLinks(eventId) {
      return links.list.all(eventId).map(toStoredLink);
    },
    async addLink(link) {
      links.insert.run(...linkValues(link));
    },
    async rekeyLink(eventId, id, keyHash) {
      return rekeyTx(eventId, id, keyHash);
    },
    async revokeLink(eventId, id, at) {
      return links.revoke.run(at, eventId, id).changes === 1;
    },
    async markLinkUsed(eventId, id, at) {
      links.used.run(at, eventId, id);
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
      // Folded first, so the log holds nothing of a deleted document that a crash could bring back.
      folder.foldNow();
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
    async getControl(eventId) {
      const row = q.getControl.get(eventId);
      return row ? (JSON.parse(row.state) as ControlState) : undefined;
    },
    async saveControl(eventId, state, expectedVersion) {
      const json = JSON.stringify(state);
      const result = expectedVersion === 0 && q.insertControl.run(eventId, json).changes === 1 ? 1 : q.updateControl.run(json, eventId, expectedVersion).changes;
      return result === 1;
    },
    async listVotes(eventId) {
      return q.listVotes.all(eventId).map((r) => ({ roomId: r.room_id, cardId: r.card_id, voterId: r.voter_id, count: r.count }));
    },
    async setVote(eventId, vote) {
      if (vote.count > 0) q.upsertVote.run(eventId, vote.roomId, vote.cardId, vote.voterId, vote.count);
      else q.deleteVote.run(eventId, vote.cardId, vote.voterId);
    },
    async moveRoomVotes(eventId, fromRoomId, toRoomId) {
      if (toRoomId) q.moveRoomVotes.run(toRoomId, eventId, fromRoomId);
      else q.deleteRoomVotes.run(eventId, fromRoomId);
    },
    async deleteDoc(name) {
      folder.foldNow();
      q.deleteDoc.run(name);
    },
    async listEventDates() {
      return q.listEventDates.all().map((r) => ({ id: r.id, createdAt: r.created_at, date: r.date ?? r.created_at.slice(0, 10) }));
    },
    async purgeDeleted() {
      // The WAL still holds the old pages until a checkpoint copies the zeroed ones back and truncates it.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async appendAudit(entry) {
      q.appendAudit.run(entry.eventId, entry.at, entry.actorId, entry.actorRole, entry.action, entry.detail);
    },
    async listAudit(eventId, limit) {
      return q.listAudit.all(eventId, limit).map((r) => ({
        eventId: r.event_id,
        at: r.at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        detail: r.detail,
      }));
    },
    async saveHiddenCard(row) {
      hidden.save.run(row.eventId, row.roomId, row.cardId, row.text, row.detail ?? '', row.hiddenAt);
    },
    async listHiddenCards(eventId) {
      return hidden.list.all(eventId).map((r) => ({ eventId, roomId: r.room_id, cardId: r.card_id, text: r.text, detail: r.detail, hiddenAt: r.hidden_at }));
    },
    async deleteHiddenCard(eventId, roomId, cardId) {
      hidden.delete.run(eventId, roomId, cardId);
    },
    async moveHiddenCards(eventId, fromRoomId, toRoomId) {
      if (toRoomId) moveHiddenTx(eventId, fromRoomId, toRoomId);
      else hidden.deleteRoom.run(eventId, fromRoomId);
    },
    async saveLogo(eventId, logo, savedAt) {
      logos.save.run(eventId, logo.mime, logo.width, logo.height, Buffer.from(logo.bytes), savedAt);
    },
    async getLogo(eventId) {
      const row = logos.get.get(eventId);
      return row ? { mime: row.mime, width: row.width, height: row.height, bytes: new Uint8Array(row.bytes) } : undefined;
    },
    async deleteLogo(eventId) {
      logos.delete.run(eventId);
    },
    async saveTemplate(template, savedAt) {
      savedTemplates.insert.run(template.id, savedAt, JSON.stringify(template));
    },
    async listTemplates() {
      return savedTemplates.list.all().map((r) => JSON.parse(r.template) as Template);
    },
    async getTemplate(id) {
      const row = savedTemplates.get.get(id);
      return row ? (JSON.parse(row.template) as Template) : undefined;
    },
    async close() {
      try {
        folder.close();
      } finally {
        db.close();
      }
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
