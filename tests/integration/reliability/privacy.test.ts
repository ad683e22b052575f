import Database from 'better-sqlite3';
import { decodeStoredRow } from '../../../server/store/rowCodec';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addCard, cardTextOf } from '../../../shared/boardDoc';
import { boardDocName, summaryDocName } from '../../../shared/docNames';
import { ApiClient, createTestEvent, joinAsParticipant } from '../../helpers/apiClient';
import { connectSocket } from '../../helpers/socketClient';
import { connectProvider, waitFor, waitForSync } from '../../helpers/yjsClient';
import { closeReasons } from '../../../shared/closeCodes';
import { startCapturedServer } from './harness';
import { cleanupsAfterEach } from '../../helpers/testServer';

// UK GDPR: deleting an event deletes everything, retention deletes it automatically, facilitator
// actions are auditable, and participants give nothing but a display name.

const cleanups = cleanupsAfterEach();

async function setup(env: Record<string, string> = {}) {
  const server = await startCapturedServer({ env });
  cleanups.push(() => server.close());
  return server;
}

/** Rows anywhere in the database that belong to the event. */
function rowsFor(dataDir: string, eventId: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'roundtable.db'), { readonly: true });
  try {
    const count = (sql: string, ...args: string[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    return {
      events: count('SELECT COUNT(*) AS n FROM events WHERE id = ?', eventId),
      participants: count('SELECT COUNT(*) AS n FROM participants WHERE event_id = ?', eventId),
      control: count('SELECT COUNT(*) AS n FROM control WHERE event_id = ?', eventId),
      votes: count('SELECT COUNT(*) AS n FROM votes WHERE event_id = ?', eventId),
      audit: count('SELECT COUNT(*) AS n FROM audit WHERE event_id = ?', eventId),
      docs: count("SELECT COUNT(*) AS n FROM doc_updates WHERE doc LIKE '%.' || ? || '%' OR doc LIKE '%.' || ? ", eventId, eventId),
    };
  } finally {
    db.close();
  }
}

/** Where the needle can be read: raw bytes of our files, and stored document rows once decompressed. */
function filesContain(dataDir: string, needle: string): string[] {
  const found = fs
    .readdirSync(dataDir)
    // The database, its WAL and the update log (updates wait there until they are folded into SQLite).
    .filter((name) => name.startsWith('roundtable.'))
    .filter((name) => fs.readFileSync(path.join(dataDir, name)).includes(Buffer.from(needle)));
  const db = new Database(path.join(dataDir, 'roundtable.db'), { readonly: true });
  const rows = db.prepare('SELECT codec, data FROM doc_updates').all() as { codec: number; data: Buffer }[];
  db.close();
  if (rows.some((row) => decodeStoredRow(row.codec, row.data).updates.some((update) => Buffer.from(update).includes(Buffer.from(needle))))) found.push('doc_updates rows');
  return found;
}

/** An event with a participant, cards, votes, a summary, control changes and audit rows. */
async function busyEvent(server: Awaited<ReturnType<typeof setup>>, secretText: string) {
  const event = await createTestEvent(server.url);
  const room = event.info.rooms[0]!.id;
  const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room);
  const board = connectProvider(server.url, boardDocName(event.info.id, room), amira.cookieHeader);
  const summary = connectProvider(server.url, summaryDocName(event.info.id), event.facilitator.cookieHeader);
  cleanups.push(() => board.destroy(), () => summary.destroy());
  await waitForSync(board.provider);
  await waitForSync(summary.provider);
  addCard(board.doc, { id: 'card-1', questionId: event.info.questions[0]!.id, authorId: amira.participantId, authorName: 'Amira', text: secretText });
  // A summary part, as the editor writes it (the server refuses anything outside the summary's schema).
  summary.doc.getMap('summary').set('front', JSON.stringify({ sessionNotes: `summary ${secretText}` }));
  const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
  const participant = await connectSocket(server.url, event.info.id, amira.cookieHeader);
  cleanups.push(() => facilitator.close(), () => participant.close());
  expect((await facilitator.run('phase:set', { phase: 'voting' })).ok).toBe(true);
  expect((await facilitator.run('voting:set', { open: true })).ok).toBe(true);
  await server.liveDocs.settle();
  await waitFor(() => cardTextOf(board.doc, 'card-1') !== undefined);
  expect((await participant.run('vote:cast', { cardId: 'card-1', delta: 1 })).ok).toBe(true);
  return { event, amira, board, summary, facilitator, participant };
}

describe('delete this event and all its data', () => {
  it('only its organiser or facilitator may delete it', async () => {
    const server = await setup();
    const event = await createTestEvent(server.url);
    const other = await createTestEvent(server.url);
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', event.info.rooms[0]!.id);
    const del = (client: ApiClient) => client.request('DELETE', `/api/events/${event.info.id}`);
    expect((await del(new ApiClient(server.url))).status).toBe(401);
    expect((await del(amira)).status).toBe(403);
    expect((await del(other.facilitator)).status).toBe(401);
    expect((await del(other.organiser)).status).toBe(401);
    expect(rowsFor(server.dataDir, event.info.id).events).toBe(1);
    expect((await del(event.organiser)).status).toBe(200);
    expect((await del(event.facilitator)).status).toBe(404);
  });

  it('removes every row and document, closes live connections, and leaves no card text in the database files', async () => {
    const server = await setup();
    const secret = `Mrs Example's care plan ${Math.random().toString(36).slice(2)}`;
    const { event, amira, board, summary, participant } = await busyEvent(server, secret);
    const keep = await busyEvent(server, 'another event keeps its cards');
    const before = rowsFor(server.dataDir, event.info.id);
    expect(before).toMatchObject({ events: 1, participants: 1, control: 1, votes: 1 });
    expect(before.audit).toBeGreaterThan(0);
    expect(filesContain(server.dataDir, secret).length).toBeGreaterThan(0);

    const boardClosed = new Promise<number>((resolve) => board.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    const summaryClosed = new Promise<number>((resolve) => summary.provider.on('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    const socketGone = new Promise<void>((resolve) => participant.socket.on('disconnect', () => resolve()));
    const res = await event.facilitator.request('DELETE', `/api/events/${event.info.id}`);
    expect(res.status).toBe(200);
    expect(await boardClosed).toBe(closeReasons.eventDeleted.code);
    expect(await summaryClosed).toBe(closeReasons.eventDeleted.code);
    await socketGone;
    board.provider.disconnect();
    summary.provider.disconnect();

    expect(rowsFor(server.dataDir, event.info.id)).toEqual({ events: 0, participants: 0, control: 0, votes: 0, audit: 0, docs: 0 });
    expect(filesContain(server.dataDir, secret)).toEqual([]);
    // Links and sessions no longer open anything.
    expect((await amira.request('GET', `/api/events/${event.info.id}`)).status).toBe(404);
    expect((await new ApiClient(server.url).request('GET', `/api/join/${event.info.joinCode}`)).status).toBe(404);
    expect(server.liveDocs.loadedCount()).toBeGreaterThan(0); // the other event is still live
    // The other event is untouched.
    const kept = rowsFor(server.dataDir, keep.event.info.id);
    expect(kept).toMatchObject({ events: 1, participants: 1, votes: 1 });
    expect(filesContain(server.dataDir, 'another event keeps its cards').length).toBeGreaterThan(0);
  });
});

describe('retention', () => {
  it('the sweep deletes events past RETENTION_DAYS and keeps recent ones', async () => {
    const server = await setup({ RETENTION_DAYS: '30' });
    const old = await createTestEvent(server.url, { title: 'Old', date: '2024-01-10' });
    const recent = await createTestEvent(server.url, { title: 'Recent', date: '2024-01-10' });
    await joinAsParticipant(server.url, old.info.joinCode, 'Olga', old.info.rooms[0]!.id);
    // Created long ago (the event's date is old too): past its retention.
    const db = new Database(path.join(server.dataDir, 'roundtable.db'));
    db.prepare('UPDATE events SET created_at = ? WHERE id = ?').run('2024-01-01T09:00:00.000Z', old.info.id);
    db.close();
    expect(await server.sweepRetention()).toBe(1);
    expect(rowsFor(server.dataDir, old.info.id)).toMatchObject({ events: 0, participants: 0 });
    expect(rowsFor(server.dataDir, recent.info.id).events).toBe(1);
    expect(server.logs().some((line) => line.msg === 'retention sweep deleted expired events')).toBe(true);
    expect(await server.sweepRetention()).toBe(0);
  });

  it('RETENTION_DAYS=0 keeps everything', async () => {
    const server = await setup({ RETENTION_DAYS: '0' });
    const old = await createTestEvent(server.url, { title: 'Old', date: '2001-01-01' });
    const db = new Database(path.join(server.dataDir, 'roundtable.db'));
    db.prepare('UPDATE events SET created_at = ? WHERE id = ?').run('2001-01-01T09:00:00.000Z', old.info.id);
    db.close();
    expect(await server.sweepRetention()).toBe(0);
    expect(rowsFor(server.dataDir, old.info.id).events).toBe(1);
  });
});

describe('audit log of facilitator actions', () => {
  it('lists who did what, for the event’s facilitators and organisers only', async () => {
    const server = await setup();
    const event = await createTestEvent(server.url);
    const other = await createTestEvent(server.url);
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    await facilitator.run('phase:set', { phase: 'breakouts' });
    await facilitator.run('broadcast:send', { text: 'Welcome all' });
    await facilitator.run('lock:set', { roomIds: [event.info.rooms[0]!.id], locked: true });
    await facilitator.run('control:get'); // reads are not audited
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', event.info.rooms[1]!.id);
    const path = `/api/events/${event.info.id}/audit`;
    expect((await new ApiClient(server.url).request('GET', path)).status).toBe(401);
    expect((await amira.request('GET', path)).status).toBe(403);
    expect((await other.facilitator.request('GET', path)).status).toBe(401);
    for (const client of [event.facilitator, event.organiser]) {
      const { entries } = await client.json<{ entries: { action: string; actorRole: string; actorId: string; at: string; detail: string }[] }>('GET', path);
      expect(entries.map((e) => e.action)).toEqual(['phase:set', 'broadcast:send', 'lock:set']);
      expect(entries.every((e) => e.actorRole === 'facilitator' && e.actorId.startsWith('f-') && !Number.isNaN(Date.parse(e.at)))).toBe(true);
      expect(JSON.parse(entries[1]!.detail)).toMatchObject({ text: 'Welcome all' });
    }
    expect((await event.facilitator.json<{ entries: unknown[] }>('GET', `${path}?limit=1`)).entries).toHaveLength(1);
  });
});

describe('data minimisation', () => {
  it('a participant is a display name and a room: no email, phone or address anywhere in the schema', async () => {
    const server = await setup();
    const event = await createTestEvent(server.url);
    const client = new ApiClient(server.url);
    // Extra personal data is refused outright (strict schemas), never silently kept or dropped.
    const refused = await client.request('POST', '/api/join', { joinCode: event.info.joinCode, name: 'Amira', roomId: event.info.rooms[0]!.id, email: 'amira@example.org', phone: '07700 900000' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/email/);
    const res = await client.request('POST', '/api/join', { joinCode: event.info.joinCode, name: 'Amira', roomId: event.info.rooms[0]!.id });
    expect(res.status).toBe(201);
    const db = new Database(path.join(server.dataDir, 'roundtable.db'), { readonly: true });
    const columns = (db.prepare("SELECT name FROM pragma_table_info('participants')").all() as { name: string }[]).map((c) => c.name);
    const allColumns = (db.prepare("SELECT m.name || '.' || p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'").all() as { c: string }[]).map((r) => r.c);
    db.close();
    expect(columns.sort()).toEqual(['event_id', 'id', 'joined_at', 'name', 'room_id']);
    expect(allColumns.filter((c) => /email|phone|address|ip|user_agent/i.test(c.split('.')[1]!))).toEqual([]);
    expect(filesContain(server.dataDir, 'amira@example.org')).toEqual([]);
    expect(filesContain(server.dataDir, '07700 900000')).toEqual([]);
  });
});
