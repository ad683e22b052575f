import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf } from '../../shared/boardDoc';
import { benchQuestions, emptyStep1, sessionIdentity, syncPayloadFrom, type ClientSpec } from './lightClient';

/** A real y-websocket provider (what browsers run), sending the visitor's cookie on the upgrade. */
export function openProvider(wsBase: string, docName: string, cookie: string | undefined, doc = new Y.Doc()): WebsocketProvider {
  const headers = cookie ? { cookie } : {};
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
    }
  }
  return new WebsocketProvider(wsBase, docName, doc, { WebSocketPolyfill: CookieWebSocket as never, disableBc: true, maxBackoffTime: 500 });
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 15_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** What the server would send a new joiner (one SyncStep2), applied to a scratch doc the caller destroys. */
async function serverDoc(spec: ClientSpec): Promise<Y.Doc> {
  const update = await syncPayloadFrom(spec, 1, { sendOnOpen: emptyStep1 });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** Reads the server's document through a new joiner's eyes. */
async function fromServer<T>(spec: ClientSpec, read: (doc: Y.Doc) => T): Promise<T> {
  const doc = await serverDoc(spec);
  try {
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** Number of cards the server would send a new joiner. */
export function serverCardCount(spec: ClientSpec): Promise<number> {
  return fromServer(spec, (doc) => cardsOf(doc).size);
}

/**
 * Appends `suffix` to a card's text through a real provider (as the card's author) and resolves once the server
 * serves the edit. A write makes a server hold the board as a live document, not only as stored bytes.
 */
export async function editCardText(wsBase: string, docName: string, cookie: string | undefined, cardId: string, suffix: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = openProvider(wsBase, docName, cookie, doc);
  try {
    await whenSynced(provider);
    const text = cardTextOf(doc, cardId);
    if (!text) throw new Error(`no card ${cardId} to edit`);
    text.insert(text.length, suffix);
    const expected = text.toString();
    const spec = { url: `${wsBase}/${docName}`, cookie };
    for (let attempt = 0; (await fromServer(spec, (d) => cardTextOf(d, cardId)?.toString())) !== expected; attempt++) {
      if (attempt >= 100) throw new Error(`the server did not take the edit of ${cardId}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

/** Seeds a board with `cards` cards through a real provider (shared/boardDoc addCard), until the server holds them all. */
export async function seedBoard(wsBase: string, docName: string, cookie: string | undefined, cards: number): Promise<void> {
  // Our server accepts cards only under the writer's own identity: read it from the session token.
  const author = cookie ? sessionIdentity(cookie) : { participantId: 'p-seed', name: 'Participant' };
  const doc = new Y.Doc();
  const provider = openProvider(wsBase, docName, cookie, doc);
  await whenSynced(provider);
  // Ten cards per transaction (one update message each): our server closes a connection that sends
  // more than 1,000 messages in 10 s, a limit real typing never reaches.
  for (let first = 0; first < cards; first += 10) {
    doc.transact(() => {
      for (let i = first; i < Math.min(first + 10, cards); i++) {
        addCard(doc, {
          id: `card-${i}`,
          questionId: benchQuestions[i % benchQuestions.length]!,
          authorId: author.participantId,
          authorName: author.name,
          text: `Card ${i}: what worked well was talking to each other across teams and sharing stories.`,
          createdAt: 1_750_000_000_000 + i,
        });
      }
    });
    if (first % 200 === 190) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const spec = { url: `${wsBase}/${docName}`, cookie };
  for (let attempt = 0; attempt < 100 && (await serverCardCount(spec)) < cards; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  provider.destroy();
  doc.destroy();
}
