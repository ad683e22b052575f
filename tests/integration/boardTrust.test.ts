import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf, readCards } from '../../shared/boardDoc';
import { closeReasons } from '../../shared/closeCodes';
import { boardDocName } from '../../shared/docNames';
import { limits } from '../../shared/limits';
import { createTestEvent, joinAsParticipant, type CreatedTestEvent } from '../helpers/apiClient';
import { itemWithKey, rewriteUpdate } from '../helpers/craftUpdate';
import { connectProvider, waitFor, waitForSync, yjsOutcome, type ProviderHandle } from '../helpers/yjsClient';
import { bytesEqual, rawYjsClient, startCapturedServer, updateFrame, updateOf, withTimeout } from './reliability/harness';

// Issue 12's four findings against the real server, each sent as a malicious participant would:
// forged and hijacked cards, shadow documents, boards made arbitrarily large, and one flooder slowing
// everyone. Each was accepted (or slow) before the positive schema check, canonical names and budgets.

let server: Awaited<ReturnType<typeof startCapturedServer>>;
let event: CreatedTestEvent;
let docA: string;
let docB: string;
const people = { ann: { id: '', name: 'Ann', cookie: '' }, mal: { id: '', name: 'Mallory', cookie: '' }, ben: { id: '', name: 'Ben', cookie: '' } };
let annBoard: ProviderHandle;
let benBoard: ProviderHandle;

beforeAll(async () => {
  server = await startCapturedServer({ level: 'warn' });
  event = await createTestEvent(server.url);
  const [a, b] = event.info.rooms;
  docA = boardDocName(event.info.id, a!.id);
  docB = boardDocName(event.info.id, b!.id);
  for (const [key, room] of [['ann', a!.id], ['mal', a!.id], ['ben', b!.id]] as const) {
    const joined = await joinAsParticipant(server.url, event.info.joinCode, people[key].name, room);
    people[key].id = joined.participantId;
    people[key].cookie = joined.cookieHeader;
  }
  annBoard = connectProvider(server.url, docA, people.ann.cookie);
  benBoard = connectProvider(server.url, docB, people.ben.cookie);
  await Promise.all([waitForSync(annBoard.provider), waitForSync(benBoard.provider)]);
  addCard(annBoard.doc, { id: 'card-ann', questionId: 'worked-well', authorId: people.ann.id, authorName: 'Ann', text: 'Joint working with the NHS' });
  const roomA = await serverDoc(docA);
  await waitFor(() => readCards(roomA).length === 1, 10_000, 'Ann’s card on the server');
});

afterAll(async () => {
  annBoard?.destroy();
  benBoard?.destroy();
  await server?.close();
});

const loaded = new Map<string, Y.Doc>();
/** The server's live copy of a document (kept loaded by the connected providers). */
function serverDocSync(name: string): Y.Doc | undefined {
  return loaded.get(name);
}
async function serverDoc(name: string): Promise<Y.Doc> {
  await server.liveDocs.settle();
  const live = await server.liveDocs.ifLoaded(name);
  if (!live) throw new Error(`${name} is not loaded`);
  loaded.set(name, live.doc);
  return live.doc;
}

/** Mallory's scratch copy of room A as the server has it, to craft updates against. */
async function mallorysCopy(): Promise<Y.Doc> {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(await serverDoc(docA)));
  return copy;
}

/** Sends one update from a fresh connection of Mallory's and returns the close code it got (0: none). */
async function sendAsMallory(update: Uint8Array): Promise<number> {
  const client = await rawYjsClient(server.url, docA, people.mal.cookie);
  client.send(updateFrame(update));
  const outcome = await Promise.race([client.closed, server.liveDocs.settle().then(() => new Promise((r) => setTimeout(r, 300))).then(() => null)]);
  if (!outcome) client.ws.close();
  return outcome?.code ?? 0;
}

describe('finding 1: forged and hijacked cards are refused, however encoded', () => {
  it('each crafted form closes the sender with a shared code and leaves the board, the store and bystanders as they were', async () => {
    const before = Y.encodeStateAsUpdate(await serverDoc(docA));
    const storedBefore = (await server.store.loadDoc(docA)).lastSeq;
    const annBefore = Y.encodeStateAsUpdate(annBoard.doc);
    const crafted: Array<[string, (d: Y.Doc) => Uint8Array]> = [
      [
        '(a) a card in Ann’s name written with the legacy ContentJSON kind',
        (d) =>
          rewriteUpdate(
            updateOf(d, () => addCard(d, { id: 'card-forged', questionId: 'worked-well', authorId: people.mal.id, authorName: 'Mallory', text: 'x' })),
            (structs) => {
              itemWithKey(structs, 'authorId').content = new Y.ContentJSON([people.ann.id]);
              itemWithKey(structs, 'authorName').content = new Y.ContentJSON(['Ann']);
              return structs;
            },
          ),
      ],
      ['(a) a card in Ann’s name', (d) => updateOf(d, () => addCard(d, { id: 'card-forged', questionId: 'worked-well', authorId: people.ann.id, authorName: 'Ann' }))],
      ['(b) authorId overwritten, delete set stripped', (d) => rewriteUpdate(updateOf(d, () => cardsOf(d).get('card-ann')!.set('authorId', people.mal.id)), (s) => s)],
      ['(b) someone else’s card deleted', (d) => updateOf(d, () => cardsOf(d).delete('card-ann'))],
      ['(c) hidden changed', (d) => updateOf(d, () => cardsOf(d).get('card-ann')!.set('hidden', true))],
      ['(c) id changed', (d) => updateOf(d, () => cardsOf(d).get('card-ann')!.set('id', 'card-x'))],
      ['(c) createdAt changed', (d) => updateOf(d, () => cardsOf(d).get('card-ann')!.set('createdAt', 0))],
      ['(c) a whole card replaced', (d) => updateOf(d, () => addCard(d, { id: 'card-ann', questionId: 'worked-well', authorId: people.mal.id, authorName: 'Mallory', text: 'mine now' }))],
    ];
    for (const [what, craft] of crafted) {
      const code = await sendAsMallory(craft(await mallorysCopy()));
      expect([closeReasons.refused.code, closeReasons.malformed.code], what).toContain(code);
    }
    expect(bytesEqual(Y.encodeStateAsUpdate(await serverDoc(docA)), before)).toBe(true);
    expect((await server.store.loadDoc(docA)).lastSeq).toBe(storedBefore);
    expect(bytesEqual(Y.encodeStateAsUpdate(annBoard.doc), annBefore)).toBe(true);
    expect(readCards(annBoard.doc)).toMatchObject([{ id: 'card-ann', authorId: people.ann.id, hidden: false }]);
  });

  it('honest edits from the same participant still go through: anyone’s text, their own card', async () => {
    const copy = await mallorysCopy();
    expect(await sendAsMallory(updateOf(copy, () => cardTextOf(copy, 'card-ann')!.insert(0, 'Better ')))).toBe(0);
    expect(await sendAsMallory(updateOf(copy, () => addCard(copy, { id: 'card-mal', questionId: 'build-on', authorId: people.mal.id, authorName: 'Mallory', text: 'Peer support' })))).toBe(0);
    await waitFor(() => readCards(annBoard.doc).length === 2, 10_000, 'Mallory’s card at Ann');
    expect(cardTextOf(annBoard.doc, 'card-ann')!.toString()).toBe('Better Joint working with the NHS');
  });
});

describe('finding 2: one spelling per document', () => {
  it('percent-encoded, upper-case or extended names are refused (4404) and open nothing', async () => {
    const ws = server.url.replace(/^http/, 'ws') + '/yjs/';
    const [head, ...rest] = docA;
    const spellings = [`%${head!.charCodeAt(0).toString(16)}${rest.join('')}`, docA.replace('board', 'BOARD'), `${docA}.extra`, `${docA}/`, docA.replace(/\./g, '%2E')];
    const loadedBefore = server.liveDocs.loadedCount();
    for (const spelling of spellings) {
      expect(await yjsOutcome(ws + spelling, { cookie: people.ann.cookie }), spelling).toEqual({ closed: closeReasons.notFound.code });
      expect((await server.store.loadDoc(spelling)).updates).toHaveLength(0);
    }
    expect(server.liveDocs.loadedCount()).toBe(loadedBefore);
    expect(await yjsOutcome(ws + docA, { cookie: people.ann.cookie })).toEqual({ served: true });
  });
});

describe('finding 3: boards stay within their schema and size', () => {
  it('junk roots, long arrays and extra card fields are refused', async () => {
    const attempts: Array<(d: Y.Doc) => void> = [
      (d) => d.getMap('junk').set('k', 'x'.repeat(200_000)),
      (d) => d.getArray('junk').insert(0, Array.from({ length: 30_000 }, (_, i) => i)),
      (d) => cardsOf(d).get('card-ann')!.set('extra', 'x'.repeat(200_000)),
    ];
    for (const attempt of attempts) {
      const copy = await mallorysCopy();
      expect(await sendAsMallory(updateOf(copy, () => attempt(copy)))).toBe(closeReasons.malformed.code);
    }
    expect([...(await serverDoc(docA)).share.keys()]).toEqual(['cards']);
  });
});

describe('finding 4 and the size budget (own server: DOC_MAX_BYTES=128 KiB)', () => {
  let small: Awaited<ReturnType<typeof startCapturedServer>>;
  afterAll(async () => small?.close());

  it('a board stops growing at its budget: honest cards are refused with boardFull (4422), deletions still pass', async () => {
    small = await startCapturedServer({ level: 'warn', env: { DOC_MAX_BYTES: String(128 * 1024) } });
    const ev = await createTestEvent(small.url);
    const room = ev.info.rooms[0]!.id;
    const mal = await joinAsParticipant(small.url, ev.info.joinCode, 'Mallory', room);
    const name = boardDocName(ev.info.id, room);
    const client = await rawYjsClient(small.url, name, mal.cookieHeader);
    const scratch = new Y.Doc();
    let sent = 0;
    while (!client.isClosed() && sent < 400) {
      client.send(updateFrame(updateOf(scratch, () => addCard(scratch, { id: `card-${sent}`, questionId: 'worked-well', authorId: mal.participantId, authorName: 'Mallory', text: 'x'.repeat(limits.cardChars) }))));
      sent++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await withTimeout(client.closed, 10_000, 'boardFull close')).code).toBe(closeReasons.boardFull.code);
    await small.liveDocs.settle();
    const live = await small.liveDocs.ifLoaded(name);
    const stored = Y.encodeStateAsUpdate(live!.doc).byteLength;
    expect(stored).toBeLessThanOrEqual(128 * 1024);
    expect(stored).toBeGreaterThan(100 * 1024);
    // The budget never blocks clearing up: Mallory may still delete her own cards.
    const again = await rawYjsClient(small.url, name, mal.cookieHeader);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live!.doc));
    again.send(updateFrame(updateOf(copy, () => cardsOf(copy).delete('card-0'))));
    await waitFor(() => !cardsOf(live!.doc).has('card-0'), 10_000, 'deletion on a full board');
    expect(again.isClosed()).toBe(false);
    again.ws.close();
  });

  it('one flooder’s backlog waits its byte budget while health checks and other rooms are served', async () => {
    // Seven updates of ~240 KiB (220 cards each) sent at once: before budgets and fair turns the server
    // handled them back to back in ws's message callbacks, ahead of everything else.
    const copy = await mallorysCopy();
    const updates = Array.from({ length: 7 }, (_, u) =>
      updateOf(copy, () => {
        for (let c = 0; c < 220; c++) addCard(copy, { id: `flood-${u}-${c}`, questionId: 'worked-well', authorId: people.mal.id, authorName: 'Mallory', text: 'f'.repeat(900) });
      }),
    );
    expect(Math.max(...updates.map((u) => u.byteLength))).toBeLessThanOrEqual(limits.yjsUpdateBytes);
    const flooder = await rawYjsClient(server.url, docA, people.mal.cookie);
    for (const update of updates) flooder.send(updateFrame(update));
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const floodCards = () => readCards(serverDocSync(docA)!).filter((c) => c.id.startsWith('flood-')).length;
    await serverDoc(docA);
    expect(floodCards()).toBeLessThan(1540);
    // Another room carries on meanwhile: Ben's edit reaches the server and comes back committed.
    const roomB = await serverDoc(docB);
    addCard(benBoard.doc, { id: 'card-ben', questionId: 'worked-well', authorId: people.ben.id, authorName: 'Ben', text: 'Carers’ breaks are working' });
    await waitFor(() => readCards(roomB).length === 1, 10_000, 'Ben’s card on the server');
    expect(floodCards()).toBeLessThan(1540);
    // Slowed, not dropped: every flood card arrives in the end, and the flooder stays connected.
    await waitFor(() => floodCards() === 1540, 25_000, 'the whole backlog');
    expect(flooder.isClosed()).toBe(false);
    flooder.ws.close();
  }, 40_000);
});
