import { describe, expect, it } from 'vitest';
import { addCard, readCards, cardTextOf } from '../../shared/boardDoc';
import { boardDocName } from '../../shared/docNames';
import { joinAsParticipant } from '../helpers/apiClient';
import { joinedBoard } from '../helpers/joinedBoard';
import { serverWithEvent } from '../helpers/serverWithEvent';
import { cleanupsAfterEach, startTestServer } from '../helpers/testServer';
import { closeReasons } from '../../shared/closeCodes';
import { connectProvider, waitFor, waitForSync, yjsOutcome, type ProviderHandle } from '../helpers/yjsClient';

const cleanups = cleanupsAfterEach();

const setup = () => serverWithEvent(cleanups);

function track(handle: ProviderHandle): ProviderHandle {
  cleanups.push(() => handle.destroy());
  return handle;
}

describe('live boards over y-websocket', () => {
  it('two participants in the same room converge on cards and text edits', async () => {
    const { server, event } = await setup();
    const [room] = event.info.rooms;
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', room!.id);
    const ben = await joinAsParticipant(server.url, event.info.joinCode, 'Ben', room!.id);
    const name = boardDocName(event.info.id, room!.id);
    const a = track(connectProvider(server.url, name, amira.cookieHeader));
    const b = track(connectProvider(server.url, name, ben.cookieHeader));
    await Promise.all([waitForSync(a.provider), waitForSync(b.provider)]);

    addCard(a.doc, { id: 'c1', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'Relationships improved' });
    await waitFor(() => readCards(b.doc).length === 1, 10_000, 'card to reach Ben');
    cardTextOf(b.doc, 'c1')!.insert(0, 'Provider ');
    cardTextOf(a.doc, 'c1')!.insert(cardTextOf(a.doc, 'c1')!.length, ' a lot');
    await waitFor(() => readCards(a.doc)[0]?.text === readCards(b.doc)[0]?.text && readCards(a.doc)[0]!.text.length > 30);
    expect(readCards(a.doc)[0]!.text).toBe('Provider Relationships improved a lot');
    expect(readCards(b.doc)).toEqual(readCards(a.doc));
  });

  it('a client in another room never receives the cards', async () => {
    const { server, event } = await setup();
    const [roomA, roomB] = event.info.rooms;
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', roomA!.id);
    const other = await joinAsParticipant(server.url, event.info.joinCode, 'Other', roomB!.id);
    const a = track(connectProvider(server.url, boardDocName(event.info.id, roomA!.id), amira.cookieHeader));
    const o = track(connectProvider(server.url, boardDocName(event.info.id, roomB!.id), other.cookieHeader));
    const watcherInA = track(connectProvider(server.url, boardDocName(event.info.id, roomA!.id), event.facilitator.cookieHeader));
    await Promise.all([waitForSync(a.provider), waitForSync(o.provider), waitForSync(watcherInA.provider)]);
    let updatesSeenInB = 0;
    o.doc.on('update', () => updatesSeenInB++);

    addCard(a.doc, { id: 'secret', questionId: 'worked-well', authorId: amira.participantId, authorName: 'Amira', text: 'only for room A' });
    // The facilitator watching room A sees it, which proves it was relayed before we check room B.
    await waitFor(() => readCards(watcherInA.doc).length === 1);
    expect(readCards(o.doc)).toEqual([]);
    expect(updatesSeenInB).toBe(0);
  });

  it("refuses a participant's session for another room's board, and refuses no session at all", async () => {
    const { server, event } = await setup();
    const [roomA, roomB] = event.info.rooms;
    const amira = await joinAsParticipant(server.url, event.info.joinCode, 'Amira', roomA!.id);
    const wsBase = server.url.replace('http', 'ws') + '/yjs/';
    // Refusals complete the upgrade and close with a code the client acts on (shared/closeCodes.ts).
    expect(await yjsOutcome(wsBase + boardDocName(event.info.id, roomA!.id), { cookie: amira.cookieHeader })).toEqual({ served: true });
    expect(await yjsOutcome(wsBase + boardDocName(event.info.id, roomB!.id), { cookie: amira.cookieHeader })).toEqual({ closed: closeReasons.moved.code });
    expect(await yjsOutcome(wsBase + boardDocName(event.info.id, roomA!.id), {})).toEqual({ closed: closeReasons.unauthorized.code });
    expect(await yjsOutcome(wsBase + boardDocName(event.info.id, 'no-such-room'), { cookie: event.facilitator.cookieHeader })).toEqual({ closed: closeReasons.roomRemoved.code });
  });

  it('serves every card written before a restart of the server on the same data folder', async () => {
    const first = await startTestServer();
    const { event, roomId, participant: amira, docName: name, board: a } = await joinedBoard(first.url);
    for (let i = 0; i < 25; i++) {
      addCard(a.doc, { id: `card-${i}`, questionId: 'build-on', authorId: amira.participantId, authorName: 'Amira', text: `idea ${i}` });
    }
    cardTextOf(a.doc, 'card-3')!.insert(0, 'edited ');
    const watcher = connectProvider(first.url, name, event.facilitator.cookieHeader);
    // By id, not position: cards made in the same millisecond are ordered by id ('card-10' before 'card-3').
    await waitFor(
      () => readCards(watcher.doc).length === 25 && readCards(watcher.doc).find((c) => c.id === 'card-3')?.text === 'edited idea 3',
      10_000,
      'the 25 cards and the edit on the watching facilitator',
    );
    a.destroy();
    watcher.destroy();
    await first.close();

    const second = await startTestServer({ dataDir: first.dataDir });
    cleanups.push(() => second.close());
    // Same session cookie: the signing secret lives in the data folder too.
    const again = track(connectProvider(second.url, name, amira.cookieHeader));
    await waitForSync(again.provider);
    const cards = readCards(again.doc);
    expect(cards).toHaveLength(25);
    expect(cards.map((c) => c.text)).toContain('edited idea 3');
    // The board was served from its stored snapshot; once integrated it takes edits and serves them on.
    const live = (await second.liveDocs.ifLoaded(name))!;
    expect(live.fullState).not.toBeNull();
    const ben = await joinAsParticipant(second.url, event.info.joinCode, 'Ben', roomId);
    const other = track(connectProvider(second.url, name, ben.cookieHeader));
    await waitForSync(other.provider);
    addCard(other.doc, { id: 'after-restart', questionId: 'build-on', authorId: ben.participantId, authorName: 'Ben', text: 'new' });
    cardTextOf(again.doc, 'card-0')!.insert(0, 'again ');
    await waitFor(() => readCards(again.doc).length === 26 && readCards(other.doc)[0]?.text === 'again idea 0');
    await second.liveDocs.settle();
    expect(readCards(live.doc).map((c) => c.text)).toEqual(readCards(again.doc).map((c) => c.text));
    const late = track(connectProvider(second.url, name, event.facilitator.cookieHeader));
    await waitForSync(late.provider);
    expect(readCards(late.doc)).toHaveLength(26);
  });
});
