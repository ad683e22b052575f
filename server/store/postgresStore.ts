import pg from 'pg';
import * as Y from 'yjs';
import type { ControlState } from '../../shared/control';
import type { EventInfo, Participant, Template } from '../../shared/types';
import { eventLinksSchema, linkColumns, linkValues, mainKeyColumn, mainLinksOf, toStoredLink, type LinkRow } from './linkRows';
import { toParticipant, type ParticipantRow } from './participantRows';
import type { AuditEntry, LoadedDoc, Store } from './store';

// PostgreSQL behind the same Store interface, for several servers sharing one database.
// Document updates carry a global BIGSERIAL id as their sequence number, so appends from any
// server are ordered and never collide.

const schema = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  join_code TEXT NOT NULL UNIQUE,
  info JSONB NOT NULL,
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
  state JSONB NOT NULL,
  version BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS votes (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  room_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  voter_id TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (event_id, card_id, voter_id)
);
CREATE TABLE IF NOT EXISTS audit (
  id BIGSERIAL PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_event ON audit(event_id, id);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  doc TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates(doc, seq);
CREATE TABLE IF NOT EXISTS hidden_cards (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  room_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  text TEXT NOT NULL,
  hidden_at TEXT NOT NULL,
  PRIMARY KEY (event_id, room_id, card_id)
);
ALTER TABLE hidden_cards ADD COLUMN IF NOT EXISTS detail TEXT NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS event_logos (
  event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes BYTEA NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY,
  saved_at TEXT NOT NULL,
  template JSONB NOT NULL
);
`;

const insertLink = `INSERT INTO event_links (${linkColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** Escapes LIKE wildcards so a document-name prefix matches only itself. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function openPostgresStore(connectionString: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Several servers may start at once; the advisory lock makes schema creation happen once.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727274)');
    await client.query(schema);
    await client.query(eventLinksSchema);
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    client.release();
  }

  const transaction = async <T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  };

  const store: Store = {
    async loadDoc(name): Promise<LoadedDoc> {
      const { rows } = await pool.query<{ seq: string; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq', [name]);
      return { updates: rows.map((r) => new Uint8Array(r.data)), lastSeq: Number(rows.at(-1)?.seq ?? 0) };
    },
    async appendUpdates(name, updates) {
      return (await store.appendBatch([{ name, updates }])).get(name) ?? 0;
    },
    // One INSERT for every document's updates of this turn: one commit, and seqs in insertion order.
    async appendBatch(entries) {
      const rows = entries.flatMap(({ name, updates }) => updates.map((u) => [name, Buffer.from(u.buffer, u.byteOffset, u.byteLength)] as const));
      const result = new Map<string, number>();
      if (rows.length === 0) return result;
      const values = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
      const inserted = await pool.query<{ doc: string; seq: string }>(`INSERT INTO doc_updates (doc, data) VALUES ${values} RETURNING doc, seq`, rows.flat());
      for (const row of inserted.rows) result.set(row.doc, Math.max(result.get(row.doc) ?? 0, Number(row.seq)));
      return result;
    },
    // Another server may have appended rows this one has not applied yet: the snapshot merges the
    // stored rows with the caller's state, so compaction can never drop someone else's update.
    async compactDoc(name, state, uptoSeq) {
      await transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
        const { rows } = await c.query<{ data: Buffer }>('SELECT data FROM doc_updates WHERE doc = $1 AND seq <= $2 ORDER BY seq', [name, uptoSeq]);
        const merged = snapshotOf([...rows.map((r) => new Uint8Array(r.data)), state]);
        await c.query('DELETE FROM doc_updates WHERE doc = $1 AND seq <= $2', [name, uptoSeq]);
        await c.query('INSERT INTO doc_updates (seq, doc, data) VALUES ($1, $2, $3)', [uptoSeq, name, Buffer.from(merged)]);
      });
    },
    async countUpdates(name) {
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = $1', [name]);
      return Number(rows[0]?.n ?? 0);
    },
    async deleteDoc(name) {
      await pool.query('DELETE FROM doc_updates WHERE doc = $1', [name]);
    },
    async createEvent(event) {
      const { info, facilitatorKeyHash, organiserKeyHash } = event;
      await transaction(async (c) => {
        await c.query(
          'INSERT INTO events (id, join_code, info, facilitator_key_hash, organiser_key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [info.id, info.joinCode, JSON.stringify(info), facilitatorKeyHash, organiserKeyHash, info.createdAt],
        );
        for (const link of mainLinksOf(event)) await c.query(insertLink, linkValues(link));
      });
    },
    async listLinks(eventId) {
      const { rows } = await pool.query<LinkRow>(`SELECT ${linkColumns} FROM event_links WHERE event_id = $1 ORDER BY created_at, id`, [eventId]);
      return rows.map(toStoredLink);
    },
    async addLink(link) {
      await pool.query(insertLink, linkValues(link));
    },
    async rekeyLink(eventId, id, keyHash) {
      return transaction(async (c) => {
        const { rows } = await c.query<LinkRow>(
          `UPDATE event_links SET key_hash = $1, generation = generation + 1 WHERE event_id = $2 AND id = $3 AND revoked_at IS NULL RETURNING ${linkColumns}`,
          [keyHash, eventId, id],
        );
        const column = mainKeyColumn(id);
        if (rows[0] && column) await c.query(`UPDATE events SET ${column} = $1 WHERE id = $2`, [keyHash, eventId]);
        return rows[0] && toStoredLink(rows[0]);
      });
    },
    async revokeLink(eventId, id, at) {
      const result = await pool.query('UPDATE event_links SET revoked_at = $1 WHERE event_id = $2 AND id = $3 AND revoked_at IS NULL', [at, eventId, id]);
      return result.rowCount === 1;
    },
    async markLinkUsed(eventId, id, at) {
      await pool.query('UPDATE event_links SET last_used_at = $1 WHERE event_id = $2 AND id = $3', [at, eventId, id]);
    },
    async getEvent(id) {
      const { rows } = await pool.query<{ info: EventInfo; facilitator_key_hash: string; organiser_key_hash: string }>(
        'SELECT info, facilitator_key_hash, organiser_key_hash FROM events WHERE id = $1',
        [id],
      );
      const row = rows[0];
      return row && { info: row.info, facilitatorKeyHash: row.facilitator_key_hash, organiserKeyHash: row.organiser_key_hash };
    },
    async getEventIdByJoinCode(code) {
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM events WHERE join_code = $1', [code]);
      return rows[0]?.id;
    },
    async updateEventInfo(info) {
      await pool.query('UPDATE events SET info = $1 WHERE id = $2', [JSON.stringify(info), info.id]);
    },
    async deleteEvent(id, docPrefixes) {
      await transaction(async (c) => {
        for (const prefix of docPrefixes) await c.query("DELETE FROM doc_updates WHERE doc LIKE $1 ESCAPE '\\'", [likePrefix(prefix)]);
        await c.query('DELETE FROM events WHERE id = $1', [id]);
      });
    },
    async addParticipant(p: Participant) {
      await pool.query('INSERT INTO participants (id, event_id, room_id, name, joined_at) VALUES ($1, $2, $3, $4, $5)', [p.id, p.eventId, p.roomId, p.name, p.joinedAt]);
    },
    async getParticipant(id) {
      const { rows } = await pool.query<ParticipantRow>('SELECT * FROM participants WHERE id = $1', [id]);
      return rows[0] && toParticipant(rows[0]);
    },
    async listParticipants(eventId) {
      const { rows } = await pool.query<ParticipantRow>('SELECT * FROM participants WHERE event_id = $1 ORDER BY joined_at, id', [eventId]);
      return rows.map(toParticipant);
    },
    async setParticipantRoom(id, roomId) {
      await pool.query('UPDATE participants SET room_id = $1 WHERE id = $2', [roomId, id]);
    },
    async getControl(eventId) {
      const { rows } = await pool.query<{ state: ControlState }>('SELECT state FROM control WHERE event_id = $1', [eventId]);
      return rows[0]?.state;
    },
    async saveControl(eventId, state, expectedVersion) {
      const json = JSON.stringify(state);
      if (expectedVersion === 0) {
        const inserted = await pool.query('INSERT INTO control (event_id, state, version) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING', [eventId, json, state.version]);
        if (inserted.rowCount === 1) return true;
      }
      const updated = await pool.query('UPDATE control SET state = $1, version = $2 WHERE event_id = $3 AND version = $4', [json, state.version, eventId, expectedVersion]);
      return updated.rowCount === 1;
    },
    async listVotes(eventId) {
      const { rows } = await pool.query<{ room_id: string; card_id: string; voter_id: string; count: number }>(
        'SELECT room_id, card_id, voter_id, count FROM votes WHERE event_id = $1',
        [eventId],
      );
      return rows.map((r) => ({ roomId: r.room_id, cardId: r.card_id, voterId: r.voter_id, count: r.count }));
    },
    async setVote(eventId, vote) {
      if (vote.count > 0) {
        await pool.query(
          'INSERT INTO votes (event_id, room_id, card_id, voter_id, count) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id, card_id, voter_id) DO UPDATE SET count = excluded.count, room_id = excluded.room_id',
          [eventId, vote.roomId, vote.cardId, vote.voterId, vote.count],
        );
      } else {
        await pool.query('DELETE FROM votes WHERE event_id = $1 AND card_id = $2 AND voter_id = $3', [eventId, vote.cardId, vote.voterId]);
      }
    },
    async moveRoomVotes(eventId, fromRoomId, toRoomId) {
      if (toRoomId) await pool.query('UPDATE votes SET room_id = $1 WHERE event_id = $2 AND room_id = $3', [toRoomId, eventId, fromRoomId]);
      else await pool.query('DELETE FROM votes WHERE event_id = $1 AND room_id = $2', [eventId, fromRoomId]);
    },
    async listEventDates() {
      const { rows } = await pool.query<{ id: string; created_at: string; date: string | null }>("SELECT id, created_at, info->>'date' AS date FROM events");
      return rows.map((r) => ({ id: r.id, createdAt: r.created_at, date: r.date ?? r.created_at.slice(0, 10) }));
    },
    async purgeDeleted() {
      // Dead rows are reclaimed by PostgreSQL's autovacuum; VACUUM cannot run inside the pool's transactions.
    },
    async appendAudit(entry: AuditEntry) {
      await pool.query('INSERT INTO audit (event_id, at, actor_id, actor_role, action, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        entry.eventId,
        entry.at,
        entry.actorId,
        entry.actorRole,
        entry.action,
        entry.detail,
      ]);
    },
    async listAudit(eventId, limit) {
      const { rows } = await pool.query<{ event_id: string; at: string; actor_id: string; actor_role: string; action: string; detail: string }>(
        'SELECT * FROM (SELECT * FROM audit WHERE event_id = $1 ORDER BY id DESC LIMIT $2) recent ORDER BY id',
        [eventId, limit],
      );
      return rows.map((r) => ({ eventId: r.event_id, at: r.at, actorId: r.actor_id, actorRole: r.actor_role, action: r.action, detail: r.detail }));
    },
    async saveHiddenCard(row) {
      await pool.query(
        'INSERT INTO hidden_cards (event_id, room_id, card_id, text, detail, hidden_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, room_id, card_id) DO UPDATE SET text = excluded.text, detail = excluded.detail, hidden_at = excluded.hidden_at',
        [row.eventId, row.roomId, row.cardId, row.text, row.detail ?? '', row.hiddenAt],
      );
    },
    async listHiddenCards(eventId) {
      const { rows } = await pool.query<{ room_id: string; card_id: string; text: string; detail: string; hidden_at: string }>(
        'SELECT room_id, card_id, text, detail, hidden_at FROM hidden_cards WHERE event_id = $1 ORDER BY room_id, card_id',
        [eventId],
      );
      return rows.map((r) => ({ eventId, roomId: r.room_id, cardId: r.card_id, text: r.text, detail: r.detail, hiddenAt: r.hidden_at }));
    },
    async deleteHiddenCard(eventId, roomId, cardId) {
      await pool.query('DELETE FROM hidden_cards WHERE event_id = $1 AND room_id = $2 AND card_id = $3', [eventId, roomId, cardId]);
    },
    async moveHiddenCards(eventId, fromRoomId, toRoomId) {
      if (!toRoomId) {
        await pool.query('DELETE FROM hidden_cards WHERE event_id = $1 AND room_id = $2', [eventId, fromRoomId]);
        return;
      }
      await transaction(async (c) => {
        // A moved card replaces one of the same id in the target room (as it does in the board document).
        await c.query(
          'DELETE FROM hidden_cards WHERE event_id = $1 AND room_id = $2 AND card_id IN (SELECT card_id FROM hidden_cards WHERE event_id = $1 AND room_id = $3)',
          [eventId, toRoomId, fromRoomId],
        );
        await c.query('UPDATE hidden_cards SET room_id = $1 WHERE event_id = $2 AND room_id = $3', [toRoomId, eventId, fromRoomId]);
      });
    },
    async saveLogo(eventId, logo, savedAt) {
      await pool.query(
        'INSERT INTO event_logos (event_id, mime, width, height, bytes, saved_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO UPDATE SET mime = excluded.mime, width = excluded.width, height = excluded.height, bytes = excluded.bytes, saved_at = excluded.saved_at',
        [eventId, logo.mime, logo.width, logo.height, Buffer.from(logo.bytes), savedAt],
      );
    },
    async getLogo(eventId) {
      const { rows } = await pool.query<{ mime: 'image/png' | 'image/jpeg'; width: number; height: number; bytes: Buffer }>(
        'SELECT mime, width, height, bytes FROM event_logos WHERE event_id = $1',
        [eventId],
      );
      const row = rows[0];
      return row ? { mime: row.mime, width: row.width, height: row.height, bytes: new Uint8Array(row.bytes) } : undefined;
    },
    async deleteLogo(eventId) {
      await pool.query('DELETE FROM event_logos WHERE event_id = $1', [eventId]);
    },
    async saveTemplate(template, savedAt) {
      await pool.query('INSERT INTO templates (id, saved_at, template) VALUES ($1, $2, $3)', [template.id, savedAt, JSON.stringify(template)]);
    },
    async listTemplates() {
      const { rows } = await pool.query<{ template: Template }>('SELECT template FROM templates ORDER BY saved_at, id');
      return rows.map((r) => r.template);
    },
    async getTemplate(id) {
      const { rows } = await pool.query<{ template: Template }>('SELECT template FROM templates WHERE id = $1', [id]);
      return rows[0]?.template;
    },
    async close() {
      await pool.end();
    },
  };
  return store;
}

/**
 * One snapshot of several updates, through a document: `Y.mergeUpdates` alone keeps the content of deleted
 * items, so a hidden card's text (SECURITY.md) would outlive compaction; integrating garbage-collects it.
 */
function snapshotOf(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(updates));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
