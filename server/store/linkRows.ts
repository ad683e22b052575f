import type { LinkRole } from '../../shared/links';
import type { StoredEvent, StoredLink } from './store';

// The event_links table as both SQL stores create, fill and read it.

/**
 * The table, and the copy of older events' keys (from the events row) into it: safe at every start.
 * ("WHERE true" lets SQLite parse ON CONFLICT after a SELECT.)
 */
export const eventLinksSchema = `
CREATE TABLE IF NOT EXISTS event_links (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'organiser')),
  label TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  generation INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  PRIMARY KEY (event_id, id)
);
INSERT INTO event_links (event_id, id, role, label, key_hash, generation, created_at)
  SELECT id, 'facilitator', 'facilitator', '', facilitator_key_hash, 0, created_at FROM events WHERE true
  ON CONFLICT DO NOTHING;
INSERT INTO event_links (event_id, id, role, label, key_hash, generation, created_at)
  SELECT id, 'organiser', 'organiser', '', organiser_key_hash, 0, created_at FROM events WHERE true
  ON CONFLICT DO NOTHING;
`;

export interface LinkRow {
  event_id: string;
  id: string;
  role: LinkRole;
  label: string;
  key_hash: string;
  generation: number | string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export const linkColumns = 'event_id, id, role, label, key_hash, generation, created_at, last_used_at, revoked_at';

export function toStoredLink(row: LinkRow): StoredLink {
  return {
    eventId: row.event_id,
    id: row.id,
    role: row.role,
    label: row.label,
    keyHash: row.key_hash,
    generation: Number(row.generation),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function linkValues(link: StoredLink): (string | number | null)[] {
  return [link.eventId, link.id, link.role, link.label, link.keyHash, link.generation, link.createdAt, link.lastUsedAt, link.revokedAt];
}

/** The two links an event starts with. */
export function mainLinksOf(event: StoredEvent): StoredLink[] {
  const base = { eventId: event.info.id, label: '', generation: 0, createdAt: event.info.createdAt, lastUsedAt: null, revokedAt: null };
  return [
    { ...base, id: 'facilitator', role: 'facilitator', keyHash: event.facilitatorKeyHash },
    { ...base, id: 'organiser', role: 'organiser', keyHash: event.organiserKeyHash },
  ];
}

/** The events column that mirrors a main link's hash. */
export function mainKeyColumn(id: string): 'facilitator_key_hash' | 'organiser_key_hash' | null {
  return id === 'facilitator' ? 'facilitator_key_hash' : id === 'organiser' ? 'organiser_key_hash' : null;
}
