import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addCard, cardsOf, deleteCard, readCard, readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { createTestEvent, joinAsParticipant } from '../helpers/apiClient';
import { connectSocket, type TestSocket } from '../helpers/socketClient';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../helpers/yjsClient';

// "Hidden means hidden": a hidden card's text leaves the board document participants sync, and is kept
// for staff only; showing the card puts it back.

const secret = 'Confidential remark about Dana';
const cardId = 'secret-card';

const cleanups = cleanupsAfterEach();

function track<T extends { destroy(): void } | { close(): void }>(handle: T): T {
  cleanups.push(() => ('destroy' in handle ? handle.destroy() : handle.close()));
  return handle;
}

const holdsSecret = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(secret);

/** A participant's provider that also records every raw frame the server sent it. */
function recordingProvider(url: string, docName: string, cookie: string): ProviderHandle & { received: Buffer[] } {
  const received: Buffer[] = [];
  class Recording extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => received.push(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)));
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', docName, doc, { WebSocketPolyfill: Recording as never, disableBc: true, maxBackoffTime: 200 });
  return { doc, provider, received, destroy: () => (provider.destroy(), doc.destroy()) };
}

/** Polls the server's own copy of the board until the predicate holds. */
async function waitForServerDoc(server: TestServer, docName: string, predicate: (doc: Y.Doc) => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!(await server.liveDocs.withDoc(docName, (live) => predicate(live.doc)))) {
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function setup() {
  const { server, event } = await serverWithEvent(cleanups);
  const room = event.info.rooms[0]!;
  const docName = boardDocName(event.info.id, room.id);
  const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room.id);
  const amiraBoard = track(connectProvider(server.url, docName, amira.cookieHeader));
  await waitForSync(amiraBoard.provider);
  addCard(amiraBoard.doc, { id: cardId, questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: secret });
  addCard(amiraBoard.doc, { id: 'plain-card', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'Nothing to hide' });
  const facilitator = track(await connectSocket(server.url, event.info.id, event.facilitator.cookieHeader));
  await waitForServerDoc(server, docName, (doc) => readCards(doc).length === 2, 'the cards to reach the server');
  return { server, event, room, docName, amira, amiraBoard, facilitator };
}

const cardIn = (doc: Y.Doc) => readCard(cardsOf(doc).get(cardId));

async function ok<T = any>(socket: TestSocket, ...args: Parameters<TestSocket['run']>): Promise<T> {
  const result = await socket.run(...args);
  if (!result.ok) throw new Error(`${args[0]} failed: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

describe('hidden cards', () => {
  it('hiding removes the text from every participant’s document, from joiners’ bytes and from the stored board; showing restores it', async () => {
    const { server, event, room, docName, amira, amiraBoard, facilitator } = await setup();

    expect(await ok(facilitator, 'card:hide', { roomId: room.id, cardId })).toEqual({ roomId: room.id, cardId, hidden: true });
    // The participant connected live: hidden, and the text gone from their document.
    await waitFor(() => cardIn(amiraBoard.doc)?.hidden === true, 10_000, 'hidden to reach Amira');
    expect(cardIn(amiraBoard.doc)?.text).toBe('');
    expect(holdsSecret(Y.encodeStateAsUpdate(amiraBoard.doc))).toBe(false);

    // A participant joining afterwards never receives the text, neither in its document nor on the wire.
    const ben = await joinAsParticipant(server.url, event.info.joinCode, 'Ben', room.id);
    const benBoard = track(recordingProvider(server.url, docName, ben.cookieHeader));
    await waitForSync(benBoard.provider);
    expect(cardIn(benBoard.doc)).toMatchObject({ hidden: true, text: '' });
    expect(readCards(benBoard.doc).find((c) => c.id === 'plain-card')?.text).toBe('Nothing to hide');
    expect(benBoard.received.length).toBeGreaterThan(0);
    expect(benBoard.received.some(holdsSecret)).toBe(false);
    expect(holdsSecret(Y.encodeStateAsUpdate(benBoard.doc))).toBe(false);

    // Staff still read it: facilitators and organisers alike.
    const expected = [{ cardId, roomId: room.id, text: secret }];
    expect(await ok(facilitator, 'hiddenCards:get', { roomId: room.id })).toEqual(expected);
    const organiser = track(await connectSocket(server.url, event.info.id, event.organiser.cookieHeader));
    expect(await ok(organiser, 'hiddenCards:get', { roomId: room.id })).toEqual(expected);
    // The raw data export lists it, flagged, with its text: organisers export everything.
    const exported = JSON.parse(await (await event.organiser.request('GET', `/api/events/${event.info.id}/export/json`)).text());
    // Its id there is a pseudonym (issue 14): it is found by its text.
    expect(exported.cards.find((c: { text: string }) => c.text === secret)).toMatchObject({ hidden: true, ref: null });

    // Once everyone has left, the board is compacted on unload: what is stored no longer holds the text.
    amiraBoard.destroy();
    benBoard.destroy();
    await server.liveDocs.settle();
    await waitFor(() => server.liveDocs.loadedCount() === 0, 10_000, 'the board to unload');
    const stored = await server.store.loadDoc(docName);
    expect(stored.updates.length).toBeGreaterThan(0);
    expect(stored.updates.some(holdsSecret)).toBe(false);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, Y.mergeUpdates(stored.updates));
    expect(cardIn(rebuilt)).toMatchObject({ hidden: true, text: '' });

    // Showing puts the text back for everyone, and its saved copy goes.
    const again = track(connectProvider(server.url, docName, amira.cookieHeader));
    await waitForSync(again.provider);
    expect(await ok(facilitator, 'card:show', { roomId: room.id, cardId })).toEqual({ roomId: room.id, cardId, hidden: false });
    await waitFor(() => cardIn(again.doc)?.hidden === false, 10_000, 'shown to reach Amira');
    expect(cardIn(again.doc)?.text).toBe(secret);
    const carl = await joinAsParticipant(server.url, event.info.joinCode, 'Carl', room.id);
    const carlBoard = track(connectProvider(server.url, docName, carl.cookieHeader));
    await waitForSync(carlBoard.provider);
    expect(cardIn(carlBoard.doc)).toMatchObject({ hidden: false, text: secret });
    expect(await ok(facilitator, 'hiddenCards:get', { roomId: room.id })).toEqual([]);
    expect(await server.store.listHiddenCards(event.info.id)).toEqual([]);
    // Both actions are in the audit log, without the card's text.
    const audit = await server.store.listAudit(event.info.id, 10);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['card:hide', 'card:show']));
    expect(audit.some((a) => a.detail.includes(secret))).toBe(false);
  });

  it('only facilitators of the event may hide or show; organisers may read hidden texts, participants may not', async () => {
    const { server, event, room, amira, amiraBoard, facilitator } = await setup();
    const forbidden = { ok: false, error: { code: 'forbidden', message: expect.any(String) } };
    const participant = track(await connectSocket(server.url, event.info.id, amira.cookieHeader));
    const organiser = track(await connectSocket(server.url, event.info.id, event.organiser.cookieHeader));
    for (const socket of [participant, organiser]) {
      expect(await socket.run('card:hide', { roomId: room.id, cardId })).toEqual(forbidden);
      expect(await socket.run('card:show', { roomId: room.id, cardId })).toEqual(forbidden);
    }
    expect(await participant.run('hiddenCards:get', { roomId: room.id })).toEqual(forbidden);

    // Another event's facilitator names this room and card: it can only ever reach its own event's board.
    const other = await createTestEvent(server.url);
    const outsider = track(await connectSocket(server.url, other.info.id, other.facilitator.cookieHeader));
    expect(other.info.rooms.some((r) => r.id === room.id)).toBe(true);
    expect(await outsider.run('card:hide', { roomId: room.id, cardId })).toMatchObject({ ok: false, error: { code: 'unknown_card' } });
    // A cookie of this event with the other event's id in the handshake is refused outright.
    await expect(connectSocket(server.url, other.info.id, event.facilitator.cookieHeader)).rejects.toThrow();
    expect(await outsider.run('hiddenCards:get', { roomId: room.id })).toEqual({ ok: true, data: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cardIn(amiraBoard.doc)).toMatchObject({ hidden: false, text: secret });

    // Strict payloads: nothing beyond the room and the card.
    expect(await facilitator.run('card:hide', { roomId: room.id, cardId, hidden: true } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await facilitator.run('card:hide', { roomId: 'no-such-room', cardId })).toMatchObject({ ok: false, error: { code: 'unknown_room' } });
    expect(await facilitator.run('card:hide', { roomId: room.id, cardId: 'no-such-card' })).toMatchObject({ ok: false, error: { code: 'unknown_card' } });
  });

  it('saved texts move with a removed room’s cards, and go with a card deleted while hidden', async () => {
    const { server, event, room, amiraBoard, facilitator } = await setup();
    await ok(facilitator, 'card:hide', { roomId: room.id, cardId });
    await ok(facilitator, 'card:hide', { roomId: room.id, cardId: 'plain-card' });
    await waitFor(() => cardIn(amiraBoard.doc)?.hidden === true);

    const target = event.info.rooms[1]!;
    await ok(facilitator, 'room:remove', { roomId: room.id, moveTo: target.id, cards: 'move' });
    const listed = await ok<{ cardId: string; text: string }[]>(facilitator, 'hiddenCards:get', { roomId: target.id });
    expect(listed.map((c) => [c.cardId, c.text]).sort()).toEqual([
      ['plain-card', 'Nothing to hide'],
      [cardId, secret],
    ]);
    const targetDoc = boardDocName(event.info.id, target.id);
    const stored = await server.liveDocs.withDoc(targetDoc, (live) => Y.encodeStateAsUpdate(live.doc));
    expect(holdsSecret(stored)).toBe(false);

    // A facilitator deletes a hidden card (through Yjs): its saved text goes at the next listing.
    const watcher = track(connectProvider(server.url, targetDoc, event.facilitator.cookieHeader));
    await waitForSync(watcher.provider);
    deleteCard(watcher.doc, cardId);
    await waitForServerDoc(server, targetDoc, (doc) => !cardsOf(doc).has(cardId), 'the deletion to reach the server');
    expect(await ok(facilitator, 'hiddenCards:get', { roomId: target.id })).toEqual([{ cardId: 'plain-card', roomId: target.id, text: 'Nothing to hide' }]);
    expect((await server.store.listHiddenCards(event.info.id)).map((r) => r.cardId)).toEqual(['plain-card']);
    expect(await facilitator.run('card:show', { roomId: target.id, cardId })).toMatchObject({ ok: false, error: { code: 'unknown_card' } });
  });
});
