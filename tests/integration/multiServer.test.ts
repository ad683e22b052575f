import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCard, readCards } from '../../shared/boardDoc';
import type { RoomView } from '../../shared/control';
import { boardDocName } from '../../shared/docNames';
import { createTestEvent, joinAsParticipant, type CreatedTestEvent } from '../helpers/apiClient';
import { createTempDatabase } from '../helpers/postgres';
import { freePort, kill9, spawnServer } from '../helpers/serverProcess';
import { connectSocket, waitForEvent, type TestSocket } from '../helpers/socketClient';
import { tempDataDir } from '../helpers/testServer';
import { has } from '../helpers/externalNeeds';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../helpers/yjsClient';

// Two real server processes on different ports, sharing the local PostgreSQL and Redis.
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let urlA: string;
let urlB: string;
let serverA: ChildProcess;
let event: CreatedTestEvent;

function track<T extends ProviderHandle | TestSocket>(handle: T): T {
  cleanups.unshift(() => ('destroy' in handle ? handle.destroy() : handle.close()));
  return handle;
}

describe.runIf(has('the two-server tests', 'postgres', 'redis'))('two servers on PostgreSQL and Redis', () => {
  beforeAll(async () => {
    const db = await createTempDatabase();
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url, REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', SESSION_SECRET: randomBytes(32).toString('hex') };
    const [portA, portB] = [await freePort(), await freePort()];
    serverA = await spawnServer(portA, { ...env, DATA_DIR: tempDataDir() });
    const serverB = await spawnServer(portB, { ...env, DATA_DIR: tempDataDir() });
    children.push(serverA, serverB);
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    event = await createTestEvent(urlA);
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await Promise.all(children.map(kill9));
  });

  it('clients on different servers converge, and see each other’s presence', async () => {
    const room = event.info.rooms[0]!;
    const amira = await joinAsParticipant(urlA, event.info.joinCode, 'Amira', room.id);
    const ben = await joinAsParticipant(urlB, event.info.joinCode, 'Ben', room.id);
    const name = boardDocName(event.info.id, room.id);
    const onA = track(connectProvider(urlA, name, amira.cookieHeader));
    const onB = track(connectProvider(urlB, name, ben.cookieHeader));
    await Promise.all([waitForSync(onA.provider), waitForSync(onB.provider)]);
    onA.provider.awareness.setLocalStateField('typingIn', null);

    addCard(onA.doc, { id: 'from-a', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'written on A' });
    addCard(onB.doc, { id: 'from-b', questionId: 'build-on', authorId: ben.participantId, authorName: 'Ben', text: 'written on B' });
    await waitFor(() => readCards(onA.doc).length === 2 && readCards(onB.doc).length === 2, 10_000, 'cards to cross servers');
    expect(readCards(onA.doc)).toEqual(readCards(onB.doc));
    await waitFor(
      () => [...onB.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Amira'),
      10_000,
      'Amira’s presence on server B',
    );
  });

  it('a facilitator’s commands on server A reach participants on server B, and a lock set on A is enforced on B', async () => {
    const room = event.info.rooms[1]!;
    const cara = await joinAsParticipant(urlB, event.info.joinCode, 'Cara', room.id);
    const facilitator = track(await connectSocket(urlA, event.info.id, event.facilitator.cookieHeader));
    const participant = track(await connectSocket(urlB, event.info.id, cara.cookieHeader));

    // Server B has the event's state in its cache before A changes it.
    expect((await participant.run('control:get')).ok).toBe(true);
    const message = waitForEvent<RoomView>(participant.socket, 'control', (v) => v.broadcasts.some((b) => b.text === 'Hello from server A'));
    expect((await facilitator.run('broadcast:send', { text: 'Hello from server A' })).ok).toBe(true);
    await message;
    expect((await facilitator.run('phase:set', { phase: 'breakouts' })).ok).toBe(true);
    // Server B's own state (its cache, not just the pushed event) follows server A.
    const viaB = await participant.run('control:get');
    expect(viaB.ok && viaB.data.view.phase).toBe('breakouts');

    const name = boardDocName(event.info.id, room.id);
    const writerOnB = track(connectProvider(urlB, name, cara.cookieHeader));
    const watcherOnA = track(connectProvider(urlA, name, event.facilitator.cookieHeader));
    await Promise.all([waitForSync(writerOnB.provider), waitForSync(watcherOnA.provider)]);
    const locked = waitForEvent<RoomView>(participant.socket, 'control', (v) => v.locked);
    expect((await facilitator.run('lock:set', { roomIds: [room.id], locked: true })).ok).toBe(true);
    await locked;
    addCard(writerOnB.doc, { id: 'while-locked', questionId: 'worked-well', authorId: cara.participantId, authorName: 'Cara', text: 'should not pass' });
    addCard(watcherOnA.doc, { id: 'marker', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'marker' });
    await waitFor(() => readCards(writerOnB.doc).some((c) => c.id === 'marker'), 10_000, 'marker to reach B');
    const fresh = track(connectProvider(urlB, name, event.facilitator.cookieHeader));
    await waitForSync(fresh.provider);
    expect(readCards(fresh.doc).map((c) => c.id)).toEqual(['marker']);
    expect(readCards(watcherOnA.doc).map((c) => c.id)).toEqual(['marker']);

    // A move ordered on A closes the participant's board connection on B.
    const closed = new Promise<number>((resolve) => writerOnB.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
    expect((await facilitator.run('participant:move', { participantId: cara.participantId, roomId: event.info.rooms[2]!.id })).ok).toBe(true);
    expect(await closed).toBe(4409);
  });

  it('when server A is killed, its clients reconnect to server B and nothing A acknowledged is lost', async () => {
    const room = event.info.rooms[3]!;
    const dev = await joinAsParticipant(urlA, event.info.joinCode, 'Dev', room.id);
    const name = boardDocName(event.info.id, room.id);
    const writer = connectProvider(urlA, name, dev.cookieHeader);
    const observerOnB = track(connectProvider(urlB, name, event.facilitator.cookieHeader));
    await Promise.all([waitForSync(writer.provider), waitForSync(observerOnB.provider)]);
    for (let i = 0; i < 20; i++) addCard(writer.doc, { id: `a-${i}`, questionId: 'worked-well', authorId: dev.participantId, authorName: 'Dev', text: `card ${i}` });
    // What the observer on B has received, server A committed and relayed: acknowledged.
    await waitFor(() => readCards(observerOnB.doc).length === 20, 10_000, 'cards to reach B');

    await kill9(serverA);
    writer.provider.destroy();
    // Offline on the way over: these are kept locally and must arrive too.
    for (let i = 0; i < 5; i++) addCard(writer.doc, { id: `offline-${i}`, questionId: 'build-on', authorId: dev.participantId, authorName: 'Dev', text: `offline ${i}` });
    const reconnected = track(connectProvider(urlB, name, dev.cookieHeader, writer.doc));
    await waitForSync(reconnected.provider);
    await waitFor(() => readCards(observerOnB.doc).length === 25, 10_000, 'offline cards to reach B');
    const late = track(connectProvider(urlB, name, event.facilitator.cookieHeader));
    await waitForSync(late.provider);
    expect(readCards(late.doc).map((c) => c.id).sort()).toEqual([...Array.from({ length: 20 }, (_, i) => `a-${i}`), ...Array.from({ length: 5 }, (_, i) => `offline-${i}`)].sort());
  });
});
