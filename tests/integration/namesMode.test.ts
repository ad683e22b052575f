import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addCard, cardsOf } from '../../shared/boardDoc';
import { closeReasons } from '../../shared/closeCodes';
import { boardDocName } from '../../shared/docNames';
import { namesLockedMessage } from '../../shared/namesMode';
import type { CreateEventInput } from '../../shared/schemas';
import type { NamesMode } from '../../shared/types';
import { loadDraftInput } from '../../server/summary/draftInput';
import { ApiClient, createTestEvent, joinAsParticipant, sampleEvent } from '../helpers/apiClient';
import { connectSocket, type TestSocket } from '../helpers/socketClient';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../helpers/yjsClient';

// Names on the boards (issue 14): in hidden and anonymous events the server itself keeps names out of
// everything participants receive, whatever a client sends.

const cleanups = cleanupsAfterEach();

async function setup(namesMode?: NamesMode) {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  const input: CreateEventInput = namesMode ? { ...sampleEvent, namesMode } : sampleEvent;
  const event = await createTestEvent(server.url, input);
  return { server, event, room: event.info.rooms[0]! };
}

function board(url: string, eventId: string, roomId: string, cookie: string): ProviderHandle {
  const handle = connectProvider(url, boardDocName(eventId, roomId), cookie);
  cleanups.push(() => handle.destroy());
  return handle;
}

async function socketOf(url: string, eventId: string, cookie: string): Promise<TestSocket & { received: string[] }> {
  const socket = await connectSocket(url, eventId, cookie);
  cleanups.push(() => socket.close());
  const received: string[] = [];
  socket.socket.onAny((name: string, payload: unknown) => received.push(`${name} ${JSON.stringify(payload)}`));
  return Object.assign(socket, { received });
}

/** The code of the next close the server sends this provider. */
function nextClose(provider: WebsocketProvider): Promise<number> {
  return new Promise((resolve) => provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)));
}

// The root is named first: a Y.Doc's toJSON lists only the roots this copy has asked for.
const docText = (doc: Y.Doc) => JSON.stringify(cardsOf(doc).toJSON());

describe.each(['hidden', 'anonymous'] as const)('%s events', (mode) => {
  async function joined() {
    const ctx = await setup(mode);
    const { server, event, room } = ctx;
    const join = (name: string) => (mode === 'anonymous' ? anonymousJoin(server.url, event.info.joinCode, room.id) : joinAsParticipant(server.url, event.info.joinCode, name, room.id).then((p) => Object.assign(p, { name })));
    return { ...ctx, amira: await join('Amira'), ben: await join('Ben') };
  }

  it('cards must carry authorName "": a named card closes the connection (4406), an unnamed one is shared', async () => {
    const { server, event, room, amira, ben } = await joined();
    const named = board(server.url, event.info.id, room.id, amira.cookieHeader);
    await waitForSync(named.provider);
    const closed = nextClose(named.provider);
    addCard(named.doc, { id: 'named', questionId: 'worked-well', authorId: amira.participantId, authorName: amira.name, text: 'signed' });
    expect(await closed).toBe(closeReasons.refused.code);
    named.destroy();

    const writer = board(server.url, event.info.id, room.id, amira.cookieHeader);
    const reader = board(server.url, event.info.id, room.id, ben.cookieHeader);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    addCard(writer.doc, { id: 'unnamed', questionId: 'worked-well', authorId: amira.participantId, authorName: '', text: 'nobody signs' });
    await waitFor(() => docText(reader.doc).includes('nobody signs'), 10_000, 'the unnamed card');
    expect(docText(reader.doc)).not.toContain('signed');
    expect(docText(reader.doc)).not.toContain(amira.name);

    // Facilitators' cards name nobody either.
    const staff = board(server.url, event.info.id, room.id, event.facilitator.cookieHeader);
    await waitForSync(staff.provider);
    const staffClosed = nextClose(staff.provider);
    addCard(staff.doc, { id: 'by-staff', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'scribed' });
    expect(await staffClosed).toBe(closeReasons.refused.code);
  });

  it('presence carries no name: a named state, or a field outside { user: { id, role }, typingIn }, is refused; the rest arrives unnamed', async () => {
    const { server, event, room, amira, ben } = await joined();
    for (const state of [{ user: { id: amira.participantId, name: amira.name, role: 'participant' } }, { name: amira.name }, { cursor: { x: 1 } }]) {
      const sender = board(server.url, event.info.id, room.id, amira.cookieHeader);
      await waitForSync(sender.provider);
      const closed = nextClose(sender.provider);
      for (const [key, value] of Object.entries(state)) sender.provider.awareness.setLocalStateField(key, value);
      expect(await closed, JSON.stringify(state)).toBe(closeReasons.refused.code);
      sender.destroy();
    }

    const sender = board(server.url, event.info.id, room.id, amira.cookieHeader);
    const watcher = board(server.url, event.info.id, room.id, ben.cookieHeader);
    await Promise.all([waitForSync(sender.provider), waitForSync(watcher.provider)]);
    sender.provider.awareness.setLocalStateField('user', { id: amira.participantId, role: 'participant' });
    sender.provider.awareness.setLocalStateField('typingIn', 'some-card');
    const seen = () => [...watcher.provider.awareness.getStates().values()].find((s) => s.typingIn === 'some-card');
    await waitFor(() => seen() !== undefined, 10_000, 'the typing state');
    expect(seen()!.user).toEqual({ id: amira.participantId, role: 'participant' });
    expect(JSON.stringify([...watcher.provider.awareness.getStates().values()])).not.toContain(amira.name);
  });

  it('socket.io pushes and answers to participants carry no other participant’s name; the control panel gets a label', async () => {
    const { server, event, room, amira, ben } = await joined();
    const facilitator = await socketOf(server.url, event.info.id, event.facilitator.cookieHeader);
    const amiraSocket = await socketOf(server.url, event.info.id, amira.cookieHeader);
    const benSocket = await socketOf(server.url, event.info.id, ben.cookieHeader);
    const writer = board(server.url, event.info.id, room.id, amira.cookieHeader);
    await waitForSync(writer.provider);
    addCard(writer.doc, { id: 'card-1', questionId: 'worked-well', authorId: amira.participantId, authorName: '', text: 'Peer support' });

    await facilitator.run('phase:set', { phase: 'voting' });
    await facilitator.run('voting:set', { open: true, votesPerPerson: 3, revealed: true });
    await facilitator.run('broadcast:send', { text: 'Five minutes left' });
    const answers = [
      await amiraSocket.run('help:request'),
      await benSocket.run('vote:cast', { cardId: 'card-1', delta: 1 }),
      await benSocket.run('control:get'),
      await amiraSocket.run('control:get'),
    ];
    expect(answers.every((a) => a.ok), JSON.stringify(answers)).toBe(true);
    await waitFor(() => benSocket.received.some((r) => r.startsWith('votes ')), 10_000, 'the vote totals push');
    await facilitator.run('participant:move', { participantId: ben.participantId, roomId: event.info.rooms[1]!.id });
    await waitFor(() => benSocket.received.some((r) => r.startsWith('moved ')), 10_000, 'the move push');

    const overview = await facilitator.run('overview:get');
    if (!overview.ok) throw new Error(JSON.stringify(overview));
    const labels = (overview.data.rooms as { participants: { name: string }[] }[]).flatMap((r) => r.participants.map((p) => p.name));
    expect(labels.sort()).toEqual([amira.name, ben.name].sort());
    if (mode === 'anonymous') expect(labels.sort()).toEqual(['Participant 1', 'Participant 2']);

    expect(benSocket.received.join('\n')).not.toContain(amira.name);
    expect(amiraSocket.received.join('\n')).not.toContain(ben.name);
    expect(JSON.stringify(answers[2])).not.toContain(amira.name);
  });

  it('exports get each card’s author as the setting allows: the display name when hidden, nobody when anonymous', async () => {
    const { server, event, room, amira } = await joined();
    const writer = board(server.url, event.info.id, room.id, amira.cookieHeader);
    const staff = board(server.url, event.info.id, room.id, event.facilitator.cookieHeader);
    await Promise.all([waitForSync(writer.provider), waitForSync(staff.provider)]);
    addCard(writer.doc, { id: 'by-amira', questionId: 'worked-well', authorId: amira.participantId, authorName: '', text: 'one' });
    addCard(staff.doc, { id: 'by-staff', questionId: 'worked-well', authorId: event.facilitatorAuthor.authorId, authorName: '', text: 'two' });
    const input = await (async () => {
      for (;;) {
        const loaded = await loadDraftInput((await server.store.getEvent(event.info.id))!.info, server.store, server.liveDocs);
        if (loaded.boards[0]!.cards.length === 2) return loaded;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const authors = Object.fromEntries(input.boards[0]!.cards.map((c) => [c.id, c.authorName]));
    expect(authors).toEqual(mode === 'hidden' ? { 'by-amira': 'Amira', 'by-staff': 'Facilitator' } : { 'by-amira': '', 'by-staff': '' });
  });
});

async function anonymousJoin(url: string, joinCode: string, roomId: string) {
  const client = new ApiClient(url);
  const joined = await client.json<{ participantId: string; roomId: string; name: string }>('POST', '/api/join', { joinCode, roomId });
  return Object.assign(client, joined);
}

describe('anonymous joins', () => {
  it('refuse a name with a clear reason, and store only server-made labels', async () => {
    const { server, event, room } = await setup('anonymous');
    const info = await new ApiClient(server.url).json<{ namesMode: NamesMode }>('GET', `/api/join/${event.info.joinCode}`);
    expect(info.namesMode).toBe('anonymous');
    const named = await new ApiClient(server.url).request('POST', '/api/join', { joinCode: event.info.joinCode, name: 'Zofia Łukasiewicz', roomId: room.id });
    expect(named.status).toBe(400);
    expect(await named.json()).toMatchObject({ error: { code: 'invalid_input', message: 'This workshop is anonymous: join without a name (none is kept).' } });
    const first = await anonymousJoin(server.url, event.info.joinCode, room.id);
    const second = await anonymousJoin(server.url, event.info.joinCode, room.id);
    expect([first.name, second.name]).toEqual(['Participant 1', 'Participant 2']);
    expect((await server.store.listParticipants(event.info.id)).map((p) => p.name).sort()).toEqual(['Participant 1', 'Participant 2']);
  });

  it('hidden and shown events still require a name', async () => {
    const { server, event, room } = await setup('hidden');
    const res = await new ApiClient(server.url).request('POST', '/api/join', { joinCode: event.info.joinCode, roomId: room.id });
    expect(res.status).toBe(400);
  });
});

describe('names:set', () => {
  it('changes the setting (pushed to open pages) until the first participant joins, then refuses with the reason', async () => {
    const { server, event, room } = await setup();
    expect(event.info.namesMode).toBe('shown');
    const facilitator = await socketOf(server.url, event.info.id, event.facilitator.cookieHeader);
    const pushed = facilitator.next<{ namesMode: NamesMode }>('event');
    expect(await facilitator.run('names:set', { mode: 'anonymous' })).toMatchObject({ ok: true, data: { namesMode: 'anonymous' } });
    expect((await pushed).namesMode).toBe('anonymous');
    expect((await server.store.getEvent(event.info.id))!.info.namesMode).toBe('anonymous');

    // The board rules follow at once: a facilitator's card now names nobody.
    const staff = board(server.url, event.info.id, room.id, event.facilitator.cookieHeader);
    await waitForSync(staff.provider);
    const closed = nextClose(staff.provider);
    addCard(staff.doc, { id: 'by-staff', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'scribed' });
    expect(await closed).toBe(closeReasons.refused.code);

    await anonymousJoin(server.url, event.info.joinCode, room.id);
    expect(await facilitator.run('names:set', { mode: 'shown' })).toEqual({ ok: false, error: { code: 'names_locked', message: namesLockedMessage } });
    expect((await server.store.getEvent(event.info.id))!.info.namesMode).toBe('anonymous');
    // Setting what it already is stays harmless.
    expect((await facilitator.run('names:set', { mode: 'anonymous' })).ok).toBe(true);
  });

  it('participants and organisers cannot change it', async () => {
    const { server, event, room } = await setup('hidden');
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room.id);
    for (const cookie of [amira.cookieHeader, event.organiser.cookieHeader]) {
      const socket = await socketOf(server.url, event.info.id, cookie);
      expect(await socket.run('names:set', { mode: 'shown' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('events stored before the setting read as names shown: named cards and presence as before', async () => {
    const { server, event, room } = await setup();
    const { namesMode: _dropped, ...legacy } = (await server.store.getEvent(event.info.id))!.info;
    await server.store.updateEventInfo(legacy);
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room.id);
    const ben = await joinAsParticipant(server.url, event.info.joinCode, 'Ben', room.id);
    const writer = board(server.url, event.info.id, room.id, amira.cookieHeader);
    const reader = board(server.url, event.info.id, room.id, ben.cookieHeader);
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
    addCard(writer.doc, { id: 'named', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'signed' });
    writer.provider.awareness.setLocalStateField('typingIn', 'named');
    await waitFor(() => docText(reader.doc).includes('signed'), 10_000, 'the named card');
    await waitFor(() => [...reader.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Amira'), 10_000, 'named presence');
  });
});
