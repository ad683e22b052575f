import * as Y from 'yjs';
import { addCard, cardsOf } from '../shared/boardDoc';
import { boardDocName, parseCanonicalDocName } from '../shared/docNames';
import { assertDecodableUpdate } from '../server/yjs/protocol';
import { sharedUpdateFrame } from '../server/yjs/sharedFrame';
import { checkUpdate } from '../server/yjs/schema/checkUpdate';

// Our per-update stages on the event load's update shape (a card's questionId set), each timed alone in a
// tight loop: `npx tsx bench/stageCost.ts [updates=20000]`. Prints µs per update for each stage.

const count = Number(process.argv[2] ?? 20_000);
const ref = parseCanonicalDocName(boardDocName('bench-event', 'room-0'))!;
const writer = { role: 'facilitator' as const, participantId: 'p-0', name: 'Facilitator', namesMode: 'shown' as const };

function makeUpdates(): { base: Uint8Array; updates: Uint8Array[] } {
  const sender = new Y.Doc();
  addCard(sender, { id: 'card-0', questionId: 'worked-well', authorId: 'p-0', authorName: 'Facilitator', text: '' });
  const base = Y.encodeStateAsUpdate(sender);
  const card = cardsOf(sender).get('card-0')!;
  const updates: Uint8Array[] = [];
  sender.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) card.set('questionId', `q-${i}`);
  return { base, updates };
}

function time(label: string, run: (update: Uint8Array, doc: Y.Doc) => void, withDoc = true): void {
  for (let round = 0; round < 2; round++) {
    const { base, updates } = makeUpdates();
    const doc = new Y.Doc();
    if (withDoc) Y.applyUpdate(doc, base);
    const start = process.cpuUsage();
    for (const update of updates) run(update, doc);
    const used = process.cpuUsage(start);
    if (round === 1) process.stdout.write(`${label.padEnd(40)} ${((used.user + used.system) / count).toFixed(1)} µs\n`);
  }
}

time('decode (assertDecodableUpdate)', (u) => void assertDecodableUpdate(u, 1 << 20));
time('decode + checkUpdate', (u, doc) => {
  const decoded = assertDecodableUpdate(u, 1 << 20);
  checkUpdate(ref.kind, decoded, doc, writer);
  Y.applyUpdate(doc, u);
});
time('apply alone', (u, doc) => Y.applyUpdate(doc, u));
time('apply + update listener', (u, doc) => {
  const pending: Uint8Array[] = [];
  const on = (x: Uint8Array) => pending.push(x);
  doc.on('update', on);
  Y.applyUpdate(doc, u);
  doc.off('update', on);
});
time('apply + afterTransaction on/off', (u, doc) => {
  const collect = () => {};
  doc.on('afterTransaction', collect);
  Y.applyUpdate(doc, u);
  doc.off('afterTransaction', collect);
});
time('empty transact', (_u, doc) => doc.transact(() => {}));
time('sharedUpdateFrame', (u) => void sharedUpdateFrame(u).frame, false);
