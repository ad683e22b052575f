import { describe, expect, it } from 'vitest';
import type { RoomView } from '../../shared/control';
import type { HelpRequest } from '../../shared/helpRequests';
import { openSqliteStore } from '../../server/store/sqliteStore';
import { createTestEvent, joinAsParticipant, sampleEvent } from '../helpers/apiClient';
import { connectSocket, waitForEvent, type TestSocket } from '../helpers/socketClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';

const cleanups = cleanupsAfterEach();

const ok = async (promise: ReturnType<TestSocket['run']>) => {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
};

async function setup() {
  const { server, event } = await serverWithEvent(cleanups);
  const room = event.info.rooms[0]!;
  const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room.id);
  const open = async (cookie: string) => {
    const socket = await connectSocket(server.url, event.info.id, cookie);
    cleanups.push(() => socket.close());
    return socket;
  };
  return { server, event, room, amira, facilitator: await open(event.facilitator.cookieHeader), a: await open(amira.cookieHeader) };
}

const myHelp = async (participant: TestSocket): Promise<HelpRequest | null> => (await ok(participant.run('control:get'))).myHelp;

describe('help requests go sent → seen → on the way → handled, and the participant reads each step', () => {
  it('each step reaches the participant; after handled they may ask again', async () => {
    const { facilitator, a } = await setup();
    const help = (await ok(a.run('help:request'))) as HelpRequest;
    expect(help.status).toBe('sent');
    // Asking twice while waiting keeps one request.
    expect(((await ok(a.run('help:request'))) as HelpRequest).id).toBe(help.id);

    for (const status of ['seen', 'on-the-way', 'handled'] as const) {
      // The room's control push is the participant's hint to fetch their own request again.
      const pushed = waitForEvent<RoomView>(a.socket, 'control', () => true);
      expect(await ok(facilitator.run('help:update', { helpId: help.id, status }))).toMatchObject({ id: help.id, status });
      await pushed;
      expect(await myHelp(a)).toMatchObject({ id: help.id, status });
    }
    const again = (await ok(a.run('help:request'))) as HelpRequest;
    expect(again.id).not.toBe(help.id);
    expect(again.status).toBe('sent');
  });

  it('a step may be skipped but never undone; a handled or cancelled request is closed', async () => {
    const { facilitator, a } = await setup();
    const help = (await ok(a.run('help:request'))) as HelpRequest;
    await ok(facilitator.run('help:update', { helpId: help.id, status: 'on-the-way' }));
    // A second facilitator pressing the same step is fine…
    expect(await ok(facilitator.run('help:update', { helpId: help.id, status: 'on-the-way' }))).toMatchObject({ status: 'on-the-way' });
    // …going back is not.
    expect(await facilitator.run('help:update', { helpId: help.id, status: 'seen' })).toMatchObject({ ok: false, error: { code: 'help_step_passed' } });

    await ok(a.run('help:cancel'));
    expect(await myHelp(a)).toBeNull();
    expect(await facilitator.run('help:update', { helpId: help.id, status: 'handled' })).toMatchObject({ ok: false, error: { code: 'help_closed' } });
    expect(await facilitator.run('help:update', { helpId: 'no-such-help', status: 'seen' })).toMatchObject({ ok: false, error: { code: 'unknown_help' } });
    const state = (await ok(facilitator.run('control:get'))).state;
    expect(state.help.map((h: HelpRequest) => h.status)).toEqual(['cancelled']);
  });

  it('cancel works at every step until handled, and not after', async () => {
    const { facilitator, a } = await setup();
    for (const step of ['seen', 'on-the-way'] as const) {
      const help = (await ok(a.run('help:request'))) as HelpRequest;
      await ok(facilitator.run('help:update', { helpId: help.id, status: step }));
      await ok(a.run('help:cancel'));
      expect(await myHelp(a)).toBeNull();
    }
    const help = (await ok(a.run('help:request'))) as HelpRequest;
    await ok(facilitator.run('help:resolve', { helpId: help.id }));
    await ok(a.run('help:cancel'));
    expect(await myHelp(a)).toMatchObject({ id: help.id, status: 'handled' });
  });

  it("a request stored as 'open' (before the steps existed) reads as 'sent' after a restart", async () => {
    const { server, event, amira, a } = await setup();
    const help = (await ok(a.run('help:request'))) as HelpRequest;
    await server.close();
    cleanups.splice(0);
    // Rewrite the stored state the way the old server wrote it.
    const store = openSqliteStore(server.dataDir);
    const stored = (await store.getControl(event.info.id))!;
    const old = { ...stored, help: stored.help.map((h) => ({ ...h, status: 'open' })) } as unknown as typeof stored;
    delete (old as Partial<typeof stored>).placement;
    delete (old as Partial<typeof stored>).phaseSince;
    expect(await store.saveControl(event.info.id, { ...old, version: stored.version + 1 }, stored.version)).toBe(true);
    await store.close();

    const restarted = await startTestServer({ dataDir: server.dataDir });
    cleanups.push(() => restarted.close());
    const again = await connectSocket(restarted.url, event.info.id, amira.cookieHeader);
    cleanups.push(() => again.close());
    expect(await myHelp(again)).toMatchObject({ id: help.id, status: 'sent' });
  });
});

describe('stale messages and facilitator placement', () => {
  it('a message sent in one stage is not shown in the next', async () => {
    const { facilitator, a } = await setup();
    await ok(facilitator.run('phase:set', { phase: 'breakouts' }));
    await ok(facilitator.run('broadcast:send', { text: '10 minutes left' }));
    expect((await ok(a.run('control:get'))).view.broadcasts.map((b: { text: string }) => b.text)).toEqual(['10 minutes left']);
    const closed = waitForEvent<RoomView>(a.socket, 'control', (v) => v.phase === 'closed');
    await ok(facilitator.run('phase:set', { phase: 'closed' }));
    expect((await closed).broadcasts).toEqual([]);
    await ok(facilitator.run('broadcast:send', { text: 'Thank you all' }));
    expect((await ok(a.run('control:get'))).view.broadcasts.map((b: { text: string }) => b.text)).toEqual(['Thank you all']);
  });

  it('in facilitator-placement mode a joiner waits until placed; switching the mode later leaves those already in rooms alone', async () => {
    const { server } = await serverWithEvent(cleanups);
    const event = await createTestEvent(server.url, { ...sampleEvent, assignmentMode: 'facilitator' });
    const [roomA, roomB] = event.info.rooms;
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    const join = async (name: string) => {
      const person = await joinAsParticipant(server.url, event.info.joinCode, name);
      const socket = await connectSocket(server.url, event.info.id, person.cookieHeader);
      cleanups.push(() => socket.close());
      return { person, socket };
    };
    cleanups.push(() => facilitator.close());
    const amira = await join('Amira');
    const ben = await join('Ben');
    expect((await ok(amira.socket.run('control:get'))).awaitingPlacement).toBe(true);

    // Placing someone in the room they were provisionally given still tells them.
    const moved = amira.socket.next('moved');
    await ok(facilitator.run('participant:move', { participantId: amira.person.participantId, roomId: amira.person.roomId }));
    await moved;
    expect((await ok(amira.socket.run('control:get'))).awaitingPlacement).toBe(false);
    expect((await ok(ben.socket.run('control:get'))).awaitingPlacement).toBe(true);

    // Splitting evenly places everyone who is waiting.
    await ok(facilitator.run('assign:even'));
    expect((await ok(ben.socket.run('control:get'))).awaitingPlacement).toBe(false);

    // Another mode: nobody waits. Back to facilitator placement: only later joiners wait.
    await ok(facilitator.run('assign:mode', { mode: 'auto' }));
    const chen = await join('Chen');
    expect((await ok(chen.socket.run('control:get'))).awaitingPlacement).toBe(false);
    await ok(facilitator.run('assign:mode', { mode: 'facilitator' }));
    expect((await ok(chen.socket.run('control:get'))).awaitingPlacement).toBe(false);
    const dana = await join('Dana');
    expect((await ok(dana.socket.run('control:get'))).awaitingPlacement).toBe(true);
    await ok(facilitator.run('participant:move', { participantId: dana.person.participantId, roomId: dana.person.roomId === roomA!.id ? roomB!.id : roomA!.id }));
    expect((await ok(dana.socket.run('control:get'))).awaitingPlacement).toBe(false);
  });
});
