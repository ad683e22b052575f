import type { Socket } from 'node:net';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { messageSync } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, cardTextOf, readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { heartbeatFrame } from '../../shared/heartbeat';
import { clocksOfUpdate, covers, mergeClocks } from '../../shared/unsentChanges';
import { trackUnsent } from '../../client/src/yjs/unsentTracker';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../helpers/yjsClient';

// The server acknowledges what a writer sent by sending it back: once committed, an update goes to every
// peer of the document, the writer included, and the client counts what the server sends as held there.

const cleanups = cleanupsAfterEach();

/** A real y-websocket provider that also records every sync message the server sent it, by kind. */
function recordingSync(handle: ProviderHandle): { stateVectors: Map<number, number>[]; updates: Uint8Array[] } {
  const heard = { stateVectors: [] as Map<number, number>[], updates: [] as Uint8Array[] };
  const defaultSync = handle.provider.messageHandlers[messageSync]!;
  handle.provider.messageHandlers[messageSync] = (encoder, decoder, provider, fromSocket, type) => {
    const peek = decoding.clone(decoder);
    const step = decoding.readVarUint(peek);
    const payload = decoding.readVarUint8Array(peek);
    if (step === syncProtocol.messageYjsSyncStep1) heard.stateVectors.push(Y.decodeStateVector(payload));
    else heard.updates.push(payload);
    defaultSync(encoder, decoder, provider, fromSocket, type);
  };
  return heard;
}

const ownClocks = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
const heardClocks = (updates: Uint8Array[]) => updates.reduce((known, update) => mergeClocks(known, clocksOfUpdate(update)), new Map<number, number>());
const hasStructsOf = (update: Uint8Array, client: number) => Y.decodeUpdate(update).structs.some((struct) => struct.id.client === client);

/** A facilitator writing with the unsent tracker on, and an organiser reading the same board, both synced. */
async function trackedWriterAndReader() {
  const { server, event } = await serverWithEvent(cleanups);
  const docName = boardDocName(event.info.id, event.info.rooms[0]!.id);
  const writer = connectProvider(server.url, docName, event.facilitator.cookieHeader);
  const reader = connectProvider(server.url, docName, event.organiser.cookieHeader);
  cleanups.push(() => writer.destroy(), () => reader.destroy());
  const unsent = trackUnsent(writer.doc, writer.provider, docName, null);
  cleanups.push(() => unsent.destroy());
  await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);
  return { event, writer, reader, unsent };
}

describe('the server acknowledges updates by echoing them once committed', () => {
  it('after an update, the writer receives it back, covering it, and no extra state vector', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const writer = connectProvider(server.url, boardDocName(event.info.id, room.id), event.facilitator.cookieHeader);
    cleanups.push(() => writer.destroy());
    const heard = recordingSync(writer);
    await waitForSync(writer.provider);
    const [handshakeVectors, handshakeUpdates] = [heard.stateVectors.length, heard.updates.length];

    addCard(writer.doc, { id: 'acked-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Sent and acknowledged' });
    const local = ownClocks(writer.doc);
    await waitFor(() => covers(heardClocks(heard.updates.slice(handshakeUpdates)), local), 10_000, 'the echo covering the card');
    expect(heard.updates.slice(handshakeUpdates).some((update) => hasStructsOf(update, writer.doc.clientID))).toBe(true);
    // One burst, one echo: no state-vector acknowledgements besides it.
    expect(heard.stateVectors.length).toBe(handshakeVectors);
  });

  it("a read-only peer's refused update is never sent back to it or anyone", async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const docName = boardDocName(event.info.id, room.id);
    const organiser = connectProvider(server.url, docName, event.organiser.cookieHeader);
    const writer = connectProvider(server.url, docName, event.facilitator.cookieHeader);
    cleanups.push(() => organiser.destroy(), () => writer.destroy());
    const organiserHeard = recordingSync(organiser);
    const writerHeard = recordingSync(writer);
    await Promise.all([waitForSync(organiser.provider), waitForSync(writer.provider)]);

    addCard(organiser.doc, { id: 'refused-card', questionId: 'worked-well', authorId: 'x', authorName: 'Organiser' });
    // The writer's update goes after the organiser's: once the writer's echo is back, the organiser's turn has passed.
    addCard(writer.doc, { id: 'writer-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'After' });
    await waitFor(() => writerHeard.updates.some((update) => hasStructsOf(update, writer.doc.clientID)), 10_000, 'the writer acknowledged');
    await waitFor(() => readCards(organiser.doc).some((card) => card.id === 'writer-card'), 10_000, 'the relay to the organiser');
    const everything = [...organiserHeard.updates, ...writerHeard.updates];
    expect(everything.some((update) => hasStructsOf(update, organiser.doc.clientID))).toBe(false);
    expect(readCards(writer.doc).some((card) => card.id === 'refused-card')).toBe(false);
  });

  it('the client tracker marks a card whose text was deleted while disconnected until the server sends the deletion back', async () => {
    const { event, writer, reader, unsent } = await trackedWriterAndReader();
    addCard(writer.doc, { id: 'edited-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Keep this, drop that' });
    await waitFor(() => cardTextOf(reader.doc, 'edited-card')?.toString() === 'Keep this, drop that', 10_000, 'the card at the other peer');

    writer.provider.disconnect();
    cardTextOf(writer.doc, 'edited-card')!.delete(9, 11);
    // A deletion moves no clock: only the tracked run marks the card.
    await waitFor(() => unsent.current().cards.has('edited-card'), 5_000, 'the mark');
    expect(unsent.current().total).toBe(1);

    writer.provider.connect();
    await waitFor(() => unsent.current().total === 0, 10_000, 'the mark to clear');
    await waitFor(() => cardTextOf(reader.doc, 'edited-card')?.toString() === 'Keep this', 10_000, 'the deletion at the other peer');
  });

  it('the client tracker marks a card made while disconnected until the server has it', async () => {
    const { event, writer, reader, unsent } = await trackedWriterAndReader();

    writer.provider.disconnect();
    addCard(writer.doc, { id: 'offline-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Written offline' });
    await waitFor(() => unsent.current().cards.has('offline-card'), 5_000, 'the mark');
    expect(unsent.current().total).toBe(1);
    expect(readCards(reader.doc).some((card) => card.id === 'offline-card')).toBe(false);

    writer.provider.connect();
    await waitFor(() => unsent.current().total === 0, 10_000, 'the mark to clear');
    await waitFor(() => readCards(reader.doc).some((card) => card.id === 'offline-card'), 10_000, 'the card at the other peer');
  });

  it("holds a writer's echo until the writer's next frame, and writes both at once", async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const docName = boardDocName(event.info.id, event.info.rooms[0]!.id);
    const writer = connectProvider(server.url, docName, event.facilitator.cookieHeader);
    const other = connectProvider(server.url, docName, event.facilitator.cookieHeader);
    cleanups.push(() => writer.destroy(), () => other.destroy());
    await Promise.all([waitForSync(writer.provider), waitForSync(other.provider)]);
    // Every update the writer hears, with the socket read it came in (frames written at once arrive in one read).
    const heard: { read: number; update: Uint8Array }[] = [];
    let reads = 0;
    (writer.provider.ws as unknown as { _socket: Socket })._socket.on('data', () => reads++);
    const defaultSync = writer.provider.messageHandlers[messageSync]!;
    writer.provider.messageHandlers[messageSync] = (encoder, decoder, provider, fromSocket, type) => {
      const peek = decoding.clone(decoder);
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsUpdate) heard.push({ read: reads, update: decoding.readVarUint8Array(peek) });
      defaultSync(encoder, decoder, provider, fromSocket, type);
    };

    addCard(writer.doc, { id: 'first', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Mine' });
    await waitFor(() => readCards(other.doc).some((card) => card.id === 'first'), 10_000, 'the card at the other peer');
    addCard(other.doc, { id: 'second', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Theirs' });
    await waitFor(() => readCards(writer.doc).some((card) => card.id === 'second'), 10_000, "the other peer's card");

    const echo = heard.findIndex(({ update }) => hasStructsOf(update, writer.doc.clientID));
    const next = heard.findIndex(({ update }) => hasStructsOf(update, other.doc.clientID));
    expect(echo).toBeGreaterThanOrEqual(0);
    expect(next).toBe(echo + 1);
    expect(heard[echo]!.read).toBe(heard[next]!.read);
  });

  it('answers a heartbeat with the heartbeat itself when no other frame goes out', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const { ws, frames } = await rawBoardSocket(server.url, boardDocName(event.info.id, event.info.rooms[0]!.id), event.facilitator.cookieHeader);
    // The server's own handshake first (its step 1), so nothing else is on its way when the heartbeat goes.
    await waitFor(() => frames.length > 0, 10_000, "the server's step 1");
    const before = frames.length;
    ws.send(heartbeatFrame);
    await waitFor(() => frames.length > before, 10_000, 'an answer');
    expect([...frames[before]!]).toEqual([...heartbeatFrame]);
  });

  it('answers a heartbeat with the next frame out, which the client counts as the answer, and not twice', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const docName = boardDocName(event.info.id, event.info.rooms[0]!.id);
    const { ws, frames } = await rawBoardSocket(server.url, docName, event.facilitator.cookieHeader);
    const other = connectProvider(server.url, docName, event.facilitator.cookieHeader);
    cleanups.push(() => other.destroy());
    await waitForSync(other.provider);
    await waitFor(() => frames.length > 0, 10_000, "the server's step 1");
    const before = frames.length;
    ws.send(heartbeatFrame);
    addCard(other.doc, { id: 'news', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'News' });
    await waitFor(() => frames.length > before, 10_000, 'an answer');
    // Another frame answered it (the update, or the other peer's presence); past the hold, still no heartbeat.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(frames.slice(before).some((frame) => frame.equals(Buffer.from(heartbeatFrame)))).toBe(false);
  });
});

/** A bare WebSocket on a board, as the browser's socket under the provider, and every frame it receives. */
async function rawBoardSocket(url: string, docName: string, cookie: string): Promise<{ ws: WebSocket; frames: Buffer[] }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${docName}`, { headers: { cookie } });
  cleanups.push(() => ws.close());
  // Listening from the start: the server's first frames can arrive with the upgrade's answer.
  const frames: Buffer[] = [];
  ws.on('message', (data: Buffer) => frames.push(data));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, frames };
}
