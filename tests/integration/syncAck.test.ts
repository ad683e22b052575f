import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { messageSync } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addCard, readCards } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { heartbeatFrame } from '../../shared/heartbeat';
import { covers } from '../../shared/unsentChanges';
import { trackUnsent } from '../../client/src/yjs/unsentTracker';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach } from '../helpers/testServer';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../helpers/yjsClient';

// The server acknowledges what a writer sent: after applying its update (and committing it) it sends that
// connection its state vector, a plain sync step 1, so the client can tell what is not sent yet.

const cleanups = cleanupsAfterEach();

/** A real y-websocket provider that also records the state vector of every sync step 1 the server sent it. */
function recordingStateVectors(handle: ProviderHandle): Map<number, number>[] {
  const heard: Map<number, number>[] = [];
  const defaultSync = handle.provider.messageHandlers[messageSync]!;
  handle.provider.messageHandlers[messageSync] = (encoder, decoder, provider, fromSocket, type) => {
    const peek = decoding.clone(decoder);
    if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) heard.push(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
    defaultSync(encoder, decoder, provider, fromSocket, type);
  };
  return heard;
}

const ownClocks = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('the server acknowledges updates with its state vector', () => {
  it('after an update, the writer receives a state vector that covers it', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const writer = connectProvider(server.url, boardDocName(event.info.id, room.id), event.facilitator.cookieHeader);
    cleanups.push(() => writer.destroy());
    const heard = recordingStateVectors(writer);
    await waitForSync(writer.provider);
    const handshake = heard.length;

    addCard(writer.doc, { id: 'acked-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Sent and acknowledged' });
    const local = ownClocks(writer.doc);
    await waitFor(() => heard.slice(handshake).some((vector) => covers(vector, local)), 10_000, 'an acknowledgement covering the card');
    // One acknowledgement per burst, not one per keystroke and not an endless exchange.
    expect(heard.length - handshake).toBeLessThanOrEqual(2);
  });

  it('a read-only peer is never acknowledged: its updates are refused, so nothing is owed', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const docName = boardDocName(event.info.id, room.id);
    const organiser = connectProvider(server.url, docName, event.organiser.cookieHeader);
    const writer = connectProvider(server.url, docName, event.facilitator.cookieHeader);
    cleanups.push(() => organiser.destroy(), () => writer.destroy());
    const organiserHeard = recordingStateVectors(organiser);
    const writerHeard = recordingStateVectors(writer);
    await Promise.all([waitForSync(organiser.provider), waitForSync(writer.provider)]);
    const [organiserHandshake, writerHandshake] = [organiserHeard.length, writerHeard.length];

    addCard(organiser.doc, { id: 'refused-card', questionId: 'worked-well', authorId: 'x', authorName: 'Organiser' });
    // The writer's update goes after the organiser's: once the writer is acknowledged, the organiser's turn has passed.
    addCard(writer.doc, { id: 'writer-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'After' });
    const local = ownClocks(writer.doc);
    await waitFor(() => writerHeard.slice(writerHandshake).some((vector) => covers(vector, local)), 10_000, 'the writer acknowledged');
    await waitFor(() => readCards(organiser.doc).some((card) => card.id === 'writer-card'), 10_000, 'the relay to the organiser');
    expect(organiserHeard.length).toBe(organiserHandshake);
  });

  it('the client tracker marks a card made while disconnected until the server has it', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const docName = boardDocName(event.info.id, room.id);
    const writer = connectProvider(server.url, docName, event.facilitator.cookieHeader);
    const reader = connectProvider(server.url, docName, event.organiser.cookieHeader);
    cleanups.push(() => writer.destroy(), () => reader.destroy());
    const unsent = trackUnsent(writer.doc, writer.provider, docName, null);
    cleanups.push(() => unsent.destroy());
    await Promise.all([waitForSync(writer.provider), waitForSync(reader.provider)]);

    writer.provider.disconnect();
    addCard(writer.doc, { id: 'offline-card', questionId: 'worked-well', ...event.facilitatorAuthor, text: 'Written offline' });
    await waitFor(() => unsent.current().cards.has('offline-card'), 5_000, 'the mark');
    expect(unsent.current().total).toBe(1);
    expect(readCards(reader.doc).some((card) => card.id === 'offline-card')).toBe(false);

    writer.provider.connect();
    await waitFor(() => unsent.current().total === 0, 10_000, 'the mark to clear');
    await waitFor(() => readCards(reader.doc).some((card) => card.id === 'offline-card'), 10_000, 'the card at the other peer');
  });

  it('echoes the heartbeat at once, before the document has its turn', async () => {
    const { server, event } = await serverWithEvent(cleanups);
    const room = event.info.rooms[0]!;
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/yjs/${boardDocName(event.info.id, room.id)}`, { headers: { cookie: event.facilitator.cookieHeader } });
    cleanups.push(() => ws.close());
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const echo = new Promise<Buffer>((resolve) => {
      ws.on('message', (data: Buffer) => {
        if (data.length === 1) resolve(data);
      });
    });
    ws.send(heartbeatFrame);
    expect([...(await echo)]).toEqual([...heartbeatFrame]);
  });
});
