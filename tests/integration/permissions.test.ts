import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardTextOf, deleteCard, moveCard, readCards, setCardHidden } from '../../shared/boardDoc';
import { commandSpecs, facilitatorOnlyCommands, type CommandName } from '../../shared/commands';
import { boardDocName, summaryDocName } from '../../shared/docNames';
import { createTestEvent, joinAsParticipant, sampleEvent } from '../helpers/apiClient';
import { connectSocket } from '../helpers/socketClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach } from '../helpers/testServer';
import { closeReasons } from '../../shared/closeCodes';
import { connectProvider, waitFor, waitForSync, yjsOutcome, type ProviderHandle } from '../helpers/yjsClient';

const cleanups = cleanupsAfterEach();

async function setup() {
  const { server, event } = await serverWithEvent(cleanups);
  const [roomA, roomB] = event.info.rooms;
  const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', roomA!.id);
  return { server, event, roomA: roomA!, roomB: roomB!, amira };
}

function track<T extends ProviderHandle>(handle: T): T {
  cleanups.push(() => handle.destroy());
  return handle;
}

/** Minimal valid payloads, so a refusal can only come from the role check. */
function validPayload(name: CommandName, roomId: string): unknown {
  const samples: Partial<Record<CommandName, unknown>> = {
    'phase:set': { phase: 'breakouts' },
    'timer:start': { seconds: 60 },
    'timer:add': { seconds: 60 },
    'broadcast:send': { text: 'hello' },
    'lock:set': { roomIds: [roomId], locked: true },
    'room:add': { topic: 'New' },
    'room:rename': { roomId, topic: 'Renamed' },
    'room:remove': { roomId, moveTo: 'workforce', cards: 'move' },
    'assign:mode': { mode: 'auto' },
    'participant:move': { participantId: 'p-x', roomId },
    'voting:set': { open: true },
    'help:resolve': { helpId: 'x' },
  };
  return samples[name] ?? {};
}

describe('permission matrix', () => {
  it('a participant can run none of the facilitator commands', async () => {
    const { server, event, roomA, amira } = await setup();
    const socket = await connectSocket(server.url, event.info.id, amira.cookieHeader);
    cleanups.push(() => socket.close());
    expect(facilitatorOnlyCommands.length).toBeGreaterThanOrEqual(17);
    for (const name of facilitatorOnlyCommands) {
      const result = await socket.run(name, validPayload(name, roomA.id) as never);
      expect(result, name).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    // And nothing changed: the control state is still the initial one.
    const state = await socket.run('control:get');
    expect(state.ok && state.data.view.phase).toBe('welcome');
    expect(state.ok && state.data.view.locked).toBe(false);
  });

  it('the same commands succeed for a facilitator (so the matrix test above is meaningful)', async () => {
    const { server, event, roomA } = await setup();
    const socket = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => socket.close());
    for (const name of ['phase:set', 'timer:start', 'broadcast:send', 'lock:set', 'voting:set'] as const) {
      const result = await socket.run(name, validPayload(name, roomA.id) as never);
      expect(result.ok, name).toBe(true);
    }
  });

  it('an organiser can read the overview but not run facilitator commands', async () => {
    const { server, event, roomA } = await setup();
    const socket = await connectSocket(server.url, event.info.id, event.organiser.cookieHeader);
    cleanups.push(() => socket.close());
    for (const name of facilitatorOnlyCommands) {
      if ((commandSpecs[name].roles as readonly string[]).includes('organiser')) continue;
      const result = await socket.run(name, validPayload(name, roomA.id) as never);
      expect(result.ok, name).toBe(false);
    }
    const overview = await socket.run('overview:get');
    expect(overview.ok).toBe(true);
  });

  it('rejects unauthenticated sockets and invalid payloads with a clear error', async () => {
    const { server, event } = await setup();
    await expect(connectSocket(server.url, event.info.id, '')).rejects.toThrow(/not_signed_in/);
    const socket = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => socket.close());
    const result = await socket.run('timer:start', { seconds: -5 } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknownRoom = await socket.run('lock:set', { roomIds: ['nope'], locked: true });
    expect(unknownRoom).toMatchObject({ ok: false, error: { code: 'unknown_room' } });
  });

  it("a participant cannot open another room's board, nor the summary document", async () => {
    const { server, event, roomB, amira } = await setup();
    const ws = server.url.replace('http', 'ws') + '/yjs/';
    // Another room's board sends the participant to their own room; the summary is staff-only.
    expect(await yjsOutcome(ws + boardDocName(event.info.id, roomB.id), { cookie: amira.cookieHeader })).toEqual({ closed: closeReasons.moved.code });
    expect(await yjsOutcome(ws + summaryDocName(event.info.id), { cookie: amira.cookieHeader })).toEqual({ closed: closeReasons.noAccess.code });
    expect(await yjsOutcome(ws + summaryDocName(event.info.id), { cookie: event.facilitator.cookieHeader })).toEqual({ served: true });
  });

  it('a locked board refuses a participant’s update and nobody else ever sees it; unlocking restores writing', async () => {
    const { server, event, roomA, amira } = await setup();
    const name = boardDocName(event.info.id, roomA.id);
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    const writer = track(connectProvider(server.url, name, amira.cookieHeader));
    const watcher = track(connectProvider(server.url, name, event.facilitator.cookieHeader));
    await Promise.all([waitForSync(writer.provider), waitForSync(watcher.provider)]);

    expect((await facilitator.run('lock:set', { roomIds: [roomA.id], locked: true })).ok).toBe(true);
    addCard(writer.doc, { id: 'while-locked', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'sneaky' });
    // The facilitator writes a marker after; once it arrives, the earlier update had its chance to be relayed.
    addCard(watcher.doc, { id: 'marker', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'marker' });
    await waitFor(() => readCards(writer.doc).some((c) => c.id === 'marker'));
    const fresh = track(connectProvider(server.url, name, event.facilitator.cookieHeader));
    await waitForSync(fresh.provider);
    expect(readCards(watcher.doc).map((c) => c.id)).toEqual(['marker']);
    expect(readCards(fresh.doc).map((c) => c.id)).toEqual(['marker']);

    expect((await facilitator.run('lock:set', { roomIds: [roomA.id], locked: false })).ok).toBe(true);
    // On unlock the server asks connected clients for what it lacks: the kept card now arrives.
    await waitFor(() => readCards(watcher.doc).some((c) => c.id === 'while-locked'), 10_000, 'card typed during the lock');
    addCard(writer.doc, { id: 'after', questionId: 'build-on', authorId: amira.participantId, authorName: 'Amira', text: 'allowed' });
    await waitFor(() => readCards(watcher.doc).some((c) => c.id === 'after'));
  });

  it('someone waiting for the facilitator to place them cannot write on the board on record for them, until placed', async () => {
    const { server } = await setup();
    const event = await createTestEvent(server.url, { ...sampleEvent, assignmentMode: 'facilitator' });
    const waiting = await joinAsParticipant(server.url, event.info.joinCode, 'Amira');
    const name = boardDocName(event.info.id, waiting.roomId);
    const facilitator = await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader);
    cleanups.push(() => facilitator.close());
    const writer = track(connectProvider(server.url, name, waiting.cookieHeader));
    const watcher = track(connectProvider(server.url, name, event.facilitator.cookieHeader));
    await Promise.all([waitForSync(writer.provider), waitForSync(watcher.provider)]);

    addCard(writer.doc, { id: 'while-waiting', questionId: 'worked-well', authorId: waiting.participantId, authorName: 'Amira', text: 'too early' });
    addCard(watcher.doc, { id: 'marker', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'marker' });
    await waitFor(() => readCards(writer.doc).some((c) => c.id === 'marker'));
    expect(readCards(watcher.doc).map((c) => c.id)).toEqual(['marker']);

    expect((await facilitator.run('participant:move', { participantId: waiting.participantId, roomId: waiting.roomId })).ok).toBe(true);
    const placed = track(connectProvider(server.url, name, waiting.cookieHeader));
    await waitForSync(placed.provider);
    addCard(placed.doc, { id: 'placed', questionId: 'build-on', authorId: waiting.participantId, authorName: 'Amira', text: 'now allowed' });
    await waitFor(() => readCards(watcher.doc).some((c) => c.id === 'placed'), 10_000, 'a card written once placed');
  });

  it('an organiser can read boards but its updates are refused', async () => {
    const { server, event, roomA, amira } = await setup();
    const name = boardDocName(event.info.id, roomA.id);
    const participant = track(connectProvider(server.url, name, amira.cookieHeader));
    await waitForSync(participant.provider);
    addCard(participant.doc, { id: 'c1', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'visible' });
    const organiser = track(connectProvider(server.url, name, event.organiser.cookieHeader));
    await waitFor(() => readCards(organiser.doc).length === 1, 10_000, 'organiser reads the board');
    addCard(organiser.doc, { id: 'org', questionId: 'worked-well', authorId: 'o', authorName: 'O', text: 'not allowed' });
    addCard(participant.doc, { id: 'marker', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'marker' });
    await waitFor(() => readCards(organiser.doc).some((c) => c.id === 'marker'));
    const fresh = track(connectProvider(server.url, name, event.facilitator.cookieHeader, new Y.Doc()));
    await waitForSync(fresh.provider);
    expect(readCards(fresh.doc).map((c) => c.id).sort()).toEqual(['c1', 'marker']);
    expect(readCards(participant.doc).some((c) => c.id === 'org')).toBe(false);
  });
});

describe('authorship on a shared board', () => {
  it('a participant edits and moves others’ cards but cannot delete them, hide them, or write as someone else', async () => {
    const { server, event, roomA, amira } = await setup();
    const ben = await joinAsParticipant(server.url, event.info.joinCode, 'Ben', roomA.id);
    const name = boardDocName(event.info.id, roomA.id);
    const amiraBoard = track(connectProvider(server.url, name, amira.cookieHeader));
    await waitForSync(amiraBoard.provider);
    addCard(amiraBoard.doc, { id: 'amiras', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'mine' });

    const attempts: [string, (doc: Y.Doc) => void][] = [
      ['delete another’s card', (doc) => deleteCard(doc, 'amiras')],
      ['hide a card', (doc) => setCardHidden(doc, 'amiras', true)],
      ['write a card as someone else', (doc) => addCard(doc, { id: 'forged', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'forged' })],
    ];
    for (const [what, attempt] of attempts) {
      const benBoard = connectProvider(server.url, name, ben.cookieHeader);
      await waitFor(() => readCards(benBoard.doc).some((c) => c.id === 'amiras'), 10_000, 'Ben sees the card');
      const closed = new Promise<number>((resolve) => benBoard.provider.once('connection-close', (e: CloseEvent | null) => resolve(e?.code ?? 0)));
      attempt(benBoard.doc);
      expect(await closed, what).toBe(closeReasons.refused.code);
      benBoard.destroy();
    }
    // Allowed: editing and moving someone else's card, deleting your own.
    const benBoard = track(connectProvider(server.url, name, ben.cookieHeader));
    await waitFor(() => readCards(benBoard.doc).length === 1);
    cardTextOf(benBoard.doc, 'amiras')!.insert(4, ' too');
    moveCard(benBoard.doc, 'amiras', 'build-on');
    addCard(benBoard.doc, { id: 'bens', questionId: 'worked-well', authorId: ben.participantId, authorName: 'Ben', text: 'his' });
    deleteCard(benBoard.doc, 'bens');
    addCard(benBoard.doc, { id: 'marker', questionId: 'worked-well', authorId: ben.participantId, authorName: 'Ben', text: 'marker' });
    await waitFor(() => readCards(amiraBoard.doc).some((c) => c.id === 'marker'), 10_000, 'Ben’s allowed edits');
    expect(readCards(amiraBoard.doc).map((c) => [c.id, c.questionId, c.text, c.hidden])).toEqual([
      ['amiras', 'build-on', 'mine too', false],
      ['marker', 'worked-well', 'marker', false],
    ]);
  });
});
