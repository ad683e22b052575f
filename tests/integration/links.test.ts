import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeReasons } from '../../shared/closeCodes';
import { summaryDocName } from '../../shared/docNames';
import type { EventLinksView, IssuedLink } from '../../shared/links';
import { openSqliteStore } from '../../server/store/sqliteStore';
import { ApiClient, createTestEvent, joinAsParticipant, type CreatedTestEvent } from '../helpers/apiClient';
import { has } from '../helpers/externalNeeds';
import { createTempDatabase } from '../helpers/postgres';
import { freePort, kill9, spawnServer } from '../helpers/serverProcess';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { connectSocket, type TestSocket } from '../helpers/socketClient';
import { storeFactories, storedEventInfo } from '../helpers/storeFactories';
import { cleanupsAfterEach, tempDataDir } from '../helpers/testServer';
import { connectProvider, waitForSync, type ProviderHandle } from '../helpers/yjsClient';

const cleanups = cleanupsAfterEach();
const { factories } = storeFactories();

const keyOf = (url: string) => new URL(url).hash.slice('#key='.length);

async function signIn(baseUrl: string, eventId: string, url: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  await client.json('POST', `/api/events/${eventId}/session`, { key: keyOf(url) });
  return client;
}

/** A visitor's live connections: the control socket and the summary document. */
async function connect(baseUrl: string, event: CreatedTestEvent, client: ApiClient) {
  const socket = await connectSocket(baseUrl, event.info.id, client.cookieHeader);
  cleanups.push(() => socket.close());
  const doc: ProviderHandle = connectProvider(baseUrl, summaryDocName(event.info.id), client.cookieHeader);
  cleanups.push(() => doc.destroy());
  await waitForSync(doc.provider);
  const docClosed = new Promise<number>((resolve) => doc.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
  const socketEnded = new Promise<{ told: { reason: string; message: string }; why: string }>((resolve) => {
    let told = { reason: '', message: '' };
    socket.socket.once('session:ended', (payload: typeof told) => (told = payload));
    socket.socket.once('disconnect', (why) => resolve({ told, why }));
  });
  return { socket, doc, docClosed, socketEnded };
}

async function status(client: ApiClient, method: string, path: string, body?: unknown): Promise<{ status: number; code?: string }> {
  const res = await client.request(method, path, body);
  const data = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: data.error?.code };
}

async function stillConnected(socket: TestSocket): Promise<boolean> {
  const answer = await socket.run('control:get');
  return answer.ok === true;
}

describe('event links: regenerate, co-facilitators, revoke', () => {
  it('regenerating the facilitator link: the old key is refused, its session gets 401 and its connections close as linkRevoked; the new key works', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const id = event.info.id;
    const live = await connect(server.url, event, event.facilitator);

    const { url } = await event.organiser.json<IssuedLink>('POST', `/api/events/${id}/links/facilitator/regenerate`, {});

    expect((await live.docClosed)).toBe(closeReasons.linkRevoked.code);
    const ended = await live.socketEnded;
    expect(ended.why).toBe('io server disconnect');
    expect(ended.told).toEqual({ reason: 'linkRevoked', message: closeReasons.linkRevoked.reason });
    expect(await status(event.facilitator, 'GET', `/api/events/${id}`)).toEqual({ status: 401, code: 'link_revoked' });
    await expect(connectSocket(server.url, id, event.facilitator.cookieHeader)).rejects.toThrow('not_signed_in');
    expect(await status(new ApiClient(server.url), 'POST', `/api/events/${id}/session`, { key: keyOf(event.links.facilitator) })).toEqual({ status: 403, code: 'bad_link' });

    const renewed = await signIn(server.url, id, url);
    expect((await renewed.json<{ me: { role: string } }>('GET', `/api/events/${id}`)).me.role).toBe('facilitator');
    const again = await connect(server.url, event, renewed);
    expect(await stillConnected(again.socket)).toBe(true);
  });

  it('whoever regenerates the link they are signed in with carries on; other sessions of that link end', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const id = event.info.id;
    const other = await signIn(server.url, id, event.links.facilitator);
    const mine = await connect(server.url, event, event.facilitator);
    const theirs = await connect(server.url, event, other);

    await event.facilitator.json<IssuedLink>('POST', `/api/events/${id}/links/facilitator/regenerate`, {});

    expect(await theirs.docClosed).toBe(closeReasons.linkRevoked.code);
    expect((await theirs.socketEnded).why).toBe('io server disconnect');
    expect(await status(other, 'GET', `/api/events/${id}`)).toEqual({ status: 401, code: 'link_revoked' });
    expect(await status(event.facilitator, 'GET', `/api/events/${id}`)).toEqual({ status: 200, code: undefined });
    expect(await stillConnected(mine.socket)).toBe(true);
    expect(mine.doc.provider.wsconnected).toBe(true);
  });

  it('a co-facilitator link works, is listed with its last use, and revoking it ends its sessions but not the main facilitator’s', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const id = event.info.id;
    const created = await event.facilitator.request('POST', `/api/events/${id}/links`, { label: 'Sam' });
    expect(created.status).toBe(201);
    const sam = (await created.json()) as IssuedLink;
    expect(sam.link).toMatchObject({ role: 'facilitator', label: 'Sam', main: false, lastUsedAt: null });
    expect(sam.url).toMatch(new RegExp(`/facilitate/${id}#key=`));

    const samClient = await signIn(server.url, id, sam.url);
    expect((await samClient.json<{ me: { role: string } }>('GET', `/api/events/${id}`)).me.role).toBe('facilitator');
    const samLive = await connect(server.url, event, samClient);
    const mainLive = await connect(server.url, event, event.facilitator);
    const view = await event.facilitator.json<EventLinksView>('GET', `/api/events/${id}/links`);
    expect(view.links.map((l) => [l.id, l.label])).toEqual([
      ['facilitator', ''],
      [sam.link.id, 'Sam'],
    ]);
    expect(view.links[1]!.lastUsedAt).not.toBeNull();
    expect(view.mine).toBe('facilitator');
    expect(view.participant).toEqual({ url: `${server.url}/join/${event.info.joinCode}`, joinCode: event.info.joinCode });
    expect((await samClient.json<EventLinksView>('GET', `/api/events/${id}/links`)).mine).toBe(sam.link.id);

    expect(await status(event.facilitator, 'DELETE', `/api/events/${id}/links/${sam.link.id}`, {})).toEqual({ status: 200, code: undefined });

    expect(await samLive.docClosed).toBe(closeReasons.linkRevoked.code);
    expect((await samLive.socketEnded).told.reason).toBe('linkRevoked');
    expect(await status(samClient, 'GET', `/api/events/${id}`)).toEqual({ status: 401, code: 'link_revoked' });
    expect(await status(new ApiClient(server.url), 'POST', `/api/events/${id}/session`, { key: keyOf(sam.url) })).toEqual({ status: 403, code: 'bad_link' });
    expect(await stillConnected(mainLive.socket)).toBe(true);
    expect(mainLive.doc.provider.wsconnected).toBe(true);
    expect((await event.facilitator.json<EventLinksView>('GET', `/api/events/${id}/links`)).links.map((l) => l.id)).toEqual(['facilitator']);
    const audit = await event.facilitator.json<{ entries: { action: string }[] }>('GET', `/api/events/${id}/audit`);
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['link:create', 'link:revoke']));
  });

  it('a link’s name follows the names’ positive rule: direction overrides, controls and invisible names are refused', async () => {
    const { event } = await serverWithEvent(cleanups);
    const create = (label: string) => event.facilitator.request('POST', `/api/events/${event.info.id}/links`, { label });
    for (const label of ['Sam\u202Eevil', 'Sam\u0007', '\u200B\u200B', '   ', 'x'.repeat(61)]) expect((await create(label)).status, JSON.stringify(label)).toBe(400);
    expect((await create('Siân ap Dafydd 🙂')).status).toBe(201);
    expect((await create('سارا')).status).toBe(201);
  });

  it('participants cannot see or manage links', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const id = event.info.id;
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', event.info.rooms[0]!.id);
    expect((await status(amira, 'GET', `/api/events/${id}/links`)).status).toBe(403);
    expect((await status(amira, 'POST', `/api/events/${id}/links`, { label: 'Me' })).status).toBe(403);
    expect((await status(amira, 'POST', `/api/events/${id}/links/facilitator/regenerate`, {})).status).toBe(403);
    expect((await status(amira, 'DELETE', `/api/events/${id}/links/facilitator`, {})).status).toBe(403);
    expect((await status(new ApiClient(server.url), 'GET', `/api/events/${id}/links`)).status).toBe(401);
  });

  it('facilitators manage facilitator links only; organisers manage every link; main links are replaced, never stopped', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const id = event.info.id;
    expect((await event.facilitator.json<EventLinksView>('GET', `/api/events/${id}/links`)).links.map((l) => l.id)).toEqual(['facilitator']);
    expect((await event.organiser.json<EventLinksView>('GET', `/api/events/${id}/links`)).links.map((l) => l.id)).toEqual(['facilitator', 'organiser']);
    expect(await status(event.facilitator, 'POST', `/api/events/${id}/links/organiser/regenerate`, {})).toEqual({ status: 403, code: 'forbidden' });
    expect(await status(event.facilitator, 'DELETE', `/api/events/${id}/links/facilitator`, {})).toEqual({ status: 409, code: 'main_link' });

    const sam = await event.organiser.json<IssuedLink>('POST', `/api/events/${id}/links`, { label: 'Sam' });
    expect(await status(event.organiser, 'DELETE', `/api/events/${id}/links/${sam.link.id}`, {})).toEqual({ status: 200, code: undefined });
    expect(await status(event.organiser, 'DELETE', `/api/events/${id}/links/${sam.link.id}`, {})).toEqual({ status: 404, code: 'link_not_found' });

    const organiserLink = await event.organiser.json<IssuedLink>('POST', `/api/events/${id}/links/organiser/regenerate`, {});
    expect(organiserLink.url).toMatch(new RegExp(`/summary/${id}#key=`));
    expect((await status(event.organiser, 'GET', `/api/events/${id}`)).status).toBe(200);
    expect((await status(await signIn(server.url, id, organiserLink.url), 'GET', `/api/events/${id}/links`)).status).toBe(200);
  });

  it('an event’s links are erased with it', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const id = event.info.id;
    await event.facilitator.json('POST', `/api/events/${id}/links`, { label: 'Sam' });
    expect(await server.store.listLinks(id)).toHaveLength(3);
    await event.organiser.json('DELETE', `/api/events/${id}`, {});
    expect(await server.store.listLinks(id)).toEqual([]);
  });
});

describe.each(factories)('%s store: event links', (_name, open) => {
  it('creates the main links with the event, adds, re-keys, marks used and stops links', async () => {
    const store = await open();
    cleanups.push(() => store.close());
    await store.createEvent({ info: storedEventInfo('ev1', 'LNK234'), facilitatorKeyHash: 'f0', organiserKeyHash: 'o0' });
    expect((await store.listLinks('ev1')).map((l) => [l.id, l.role, l.keyHash, l.generation])).toEqual([
      ['facilitator', 'facilitator', 'f0', 0],
      ['organiser', 'organiser', 'o0', 0],
    ]);
    const extra = { eventId: 'ev1', id: 'cabcdefgh', role: 'facilitator' as const, label: 'Sam', keyHash: 'c0', generation: 0, createdAt: '2099-01-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null };
    await store.addLink(extra);
    expect((await store.rekeyLink('ev1', 'facilitator', 'f1'))?.generation).toBe(1);
    expect((await store.getEvent('ev1'))?.facilitatorKeyHash).toBe('f1');
    await store.markLinkUsed('ev1', 'cabcdefgh', '2099-01-02T00:00:00.000Z');
    expect(await store.revokeLink('ev1', 'cabcdefgh', '2099-01-03T00:00:00.000Z')).toBe(true);
    expect(await store.revokeLink('ev1', 'cabcdefgh', '2099-01-04T00:00:00.000Z')).toBe(false);
    expect(await store.rekeyLink('ev1', 'cabcdefgh', 'c1')).toBeUndefined();
    expect((await store.listLinks('ev1')).find((l) => l.id === 'cabcdefgh')).toEqual({ ...extra, lastUsedAt: '2099-01-02T00:00:00.000Z', revokedAt: '2099-01-03T00:00:00.000Z' });
    await store.deleteEvent('ev1', []);
    expect(await store.listLinks('ev1')).toEqual([]);
  });
});

describe('SQLite databases from before event links', () => {
  it('get their events’ keys as main links when opened', async () => {
    const dir = tempDataDir();
    const first = openSqliteStore(dir);
    await first.createEvent({ info: storedEventInfo('old', 'OLD234'), facilitatorKeyHash: 'fh', organiserKeyHash: 'oh' });
    await first.close();
    const raw = new Database(path.join(dir, 'roundtable.db'));
    raw.exec('DROP TABLE event_links');
    raw.close();
    const reopened = openSqliteStore(dir);
    cleanups.push(() => reopened.close());
    expect((await reopened.listLinks('old')).map((l) => [l.id, l.keyHash, l.generation, l.revokedAt])).toEqual([
      ['facilitator', 'fh', 0, null],
      ['organiser', 'oh', 0, null],
    ]);
  });
});

describe.runIf(has('the two-server link test', 'postgres', 'redis'))('two servers: a link stopped on one ends its sessions on the other', () => {
  it('the session on server B is refused at once and its connections there close as linkRevoked', async () => {
    const db = await createTempDatabase();
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', SESSION_SECRET: randomBytes(32).toString('hex') };
    const [portA, portB] = [await freePort(), await freePort()];
    const [childA, childB] = [await spawnServer(portA, { ...env, DATA_DIR: tempDataDir() }), await spawnServer(portB, { ...env, DATA_DIR: tempDataDir() })];
    cleanups.push(() => Promise.all([kill9(childA), kill9(childB)]));
    const [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const event = await createTestEvent(urlA);
    const id = event.info.id;
    const sam = await event.facilitator.json<IssuedLink>('POST', `/api/events/${id}/links`, { label: 'Sam' });
    // Sam works on server B, whose cache has this event's links from Sam's first requests.
    const samOnB = await signIn(urlB, id, sam.url);
    expect((await status(samOnB, 'GET', `/api/events/${id}`)).status).toBe(200);
    const live = await connect(urlB, event, samOnB);

    await event.facilitator.json('DELETE', `/api/events/${id}/links/${sam.link.id}`, {});

    expect(await live.docClosed).toBe(closeReasons.linkRevoked.code);
    expect((await live.socketEnded).told.reason).toBe('linkRevoked');
    expect(await status(samOnB, 'GET', `/api/events/${id}`)).toEqual({ status: 401, code: 'link_revoked' });
  }, 60_000);
});
