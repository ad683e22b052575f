import * as Y from 'yjs';
import { addCard, cardsOf } from '../shared/boardDoc';
import { checkUpdate } from '../server/yjs/schema/checkUpdate';

// What the server's schema check costs per update, in-process: `npx tsx bench/updateCheckCost.ts`.
// Small: 20,000 one-field edits (a card moved) on a 200-card board, check + apply against decode + apply.
// Large: a 210-card update of ~256 KiB (the flood cell's) on a fresh board, each step timed after warm-up.

const writer = { role: 'participant' as const, participantId: 'p-1', name: 'P' };

function boardWithCards(cards: number): { server: Y.Doc; client: Y.Doc } {
  const client = new Y.Doc();
  for (let i = 0; i < cards; i++) addCard(client, { id: `c${i}`, questionId: 'q', authorId: writer.participantId, authorName: writer.name, text: 'x' });
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { server, client };
}

function moves(client: Y.Doc, count: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (update: Uint8Array) => updates.push(update);
  client.on('update', collect);
  for (let i = 0; i < count; i++) cardsOf(client).get(`c${i % 200}`)!.set('questionId', `q${i}`);
  client.off('update', collect);
  return updates;
}

function perUpdateMicros(run: (update: Uint8Array) => void, updates: Uint8Array[]): number {
  const start = performance.now();
  for (const update of updates) run(update);
  return ((performance.now() - start) / updates.length) * 1000;
}

const checked = boardWithCards(200);
const plain = boardWithCards(200);
const withCheck = perUpdateMicros((u) => {
  checkUpdate('board', Y.decodeUpdate(u), checked.server, writer);
  Y.applyUpdate(checked.server, u);
}, moves(checked.client, 20_000));
const withoutCheck = perUpdateMicros((u) => {
  Y.decodeUpdate(u);
  Y.applyUpdate(plain.server, u);
}, moves(plain.client, 20_000));
console.log(`small update: decode + check + apply ${withCheck.toFixed(1)} µs, decode + apply ${withoutCheck.toFixed(1)} µs`);

function floodUpdate(client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.transact(() => {
    for (let k = 0; k < 210; k++) addCard(doc, { id: `f${client}-${k}`, questionId: 'q', authorId: writer.participantId, authorName: writer.name, text: 'x'.repeat(1000), createdAt: 1 });
  });
  return Y.encodeStateAsUpdate(doc);
}

for (let round = 0; round < 8; round++) {
  const server = new Y.Doc();
  const update = floodUpdate(1000 + round);
  const t0 = performance.now();
  const decoded = Y.decodeUpdate(update);
  const t1 = performance.now();
  checkUpdate('board', decoded, server, writer);
  const t2 = performance.now();
  Y.applyUpdate(server, update);
  const t3 = performance.now();
  if (round >= 5) console.log(`large update (${update.byteLength} B): decode ${(t1 - t0).toFixed(1)} ms, check ${(t2 - t1).toFixed(1)} ms, apply ${(t3 - t2).toFixed(1)} ms`);
}
