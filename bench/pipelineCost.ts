import { createEchoHold } from '../server/yjs/echoHold';
import { setupWSConnection } from '@y/websocket-server/utils';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { addCard, cardsOf } from '../shared/boardDoc';
import { parseCanonicalDocName, boardDocName } from '../shared/docNames';
import { openSqliteStore } from '../server/store/sqliteStore';
import { createByteBudget } from '../server/yjs/byteBudget';
import { connectionLimits, serveDocConnection } from '../server/yjs/docConnection';
import { createFairScheduler } from '../server/yjs/fairScheduler';
import { createLiveDocs } from '../server/yjs/liveDocs';
import { round } from './lib/proc';

// Our server's CPU per update against the reference's, in one process, without sockets or a kernel:
// `npx tsx bench/pipelineCost.ts [rate=1] [seconds=8]`. The event load's shape (20 rooms × 10 participants, each
// moving its own card `rate` times a second) goes through our real path — docConnection (budgets, fair turns,
// decode, schema check, apply), LiveDocs (group commit into the SQLite store's update log) and the broadcast to
// every peer — and through @y/websocket-server's (apply, broadcast), each peer a fake socket counting frames.
// Edits alternate between the two, one per event-loop turn, so both see the same machine: on this VM the CPU
// a piece of work costs depends on how long the core was idle before (cold caches), and that drifts ±30 %
// between runs. Prints the CPU of each server's handling (the frame's task and its microtasks) per update.

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rate = Number(args[0] ?? 1);
const seconds = Number(args[1] ?? 8);
const rooms = 20;
const perRoom = 10;

class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  isPaused = false;
  frames = 0;
  _socket = { write: () => void this.frames++ };
  send(): void {
    this.frames++;
  }
  pause(): void {
    this.isPaused = true;
  }
  resume(): void {
    this.isPaused = false;
  }
  close(): void {
    this.readyState = 3;
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-pipeline-'));
const log = pino({ level: 'silent' });
const store = openSqliteStore(dataDir);
const liveDocs = createLiveDocs({ store, log, compactEvery: 10_000, unloadAfterMs: 10_000 });
const scheduler = createFairScheduler(10);
const syncUpdate = (update: Uint8Array) => {
  const frame = new Uint8Array(update.length + 6);
  // [0 = sync, 2 = update, varuint length, bytes]: lengths here stay below 2^14.
  const header = update.length < 128 ? [0, 2, update.length] : [0, 2, (update.length & 0x7f) | 0x80, update.length >> 7];
  frame.set(header);
  frame.set(update, header.length);
  return Buffer.from(frame.subarray(0, header.length + update.length));
};

interface Sender {
  socket: FakeSocket;
  doc: Y.Doc;
  card: Y.Map<unknown>;
  last: Uint8Array | null;
}
type Side = 'ours' | 'reference';
const echoHold = createEchoHold(250);
const senders: Record<Side, Sender[]> = { ours: [], reference: [] };
for (const side of ['ours', 'reference'] as const) {
  for (let r = 0; r < rooms; r++) {
    const ref = parseCanonicalDocName(boardDocName('bench-event', `room-${r}`))!;
    for (let p = 0; p < perRoom; p++) {
      const socket = new FakeSocket();
      const claims = { role: 'facilitator' as const, eventId: ref.eventId, participantId: `p-${r}-${p}`, name: 'Facilitator', exp: 0 };
      if (side === 'reference') setupWSConnection(socket as unknown as WebSocket, {} as IncomingMessage, { docName: `room-${r}` });
      else {
        serveDocConnection(socket as unknown as WebSocket, {
          liveDocs,
          scheduler,
          echoHold,
          sessionBudget: createByteBudget(connectionLimits.sessionRate),
          docMaxBytes: 1024 * 1024,
          docName: boardDocName(ref.eventId, ref.kind === 'board' ? ref.roomId : ''),
          ref,
          claims,
          access: { canWrite: () => true },
          log,
        });
      }
      const doc = new Y.Doc();
      const sender: Sender = { socket, doc, card: null as unknown as Y.Map<unknown>, last: null };
      doc.on('update', (update: Uint8Array) => (sender.last = update));
      addCard(doc, { id: `card-${r}-${p}`, questionId: 'worked-well', authorId: claims.participantId, authorName: claims.name, text: '' });
      sender.card = cardsOf(doc).get(`card-${r}-${p}`)!;
      senders[side].push(sender);
    }
  }
}
// Documents load and every sender's card arrives before anything is timed.
await new Promise((resolve) => setTimeout(resolve, 200));
for (const s of [...senders.ours, ...senders.reference]) s.socket.emit('message', syncUpdate(s.last!), true);
await liveDocs.settle();

let sent = 0;
const handlingMicros: Record<Side, number> = { ours: 0, reference: 0 };
async function edit(side: Side, s: Sender): Promise<void> {
  s.card.set('questionId', `q-${sent++}`);
  const frame = syncUpdate(s.last!);
  const before = process.cpuUsage();
  s.socket.emit('message', frame, true);
  // Ours commits and broadcasts in microtasks after the frame's task; a few dozen hops cover that chain.
  for (let i = 0; i < 40; i++) await Promise.resolve();
  const used = process.cpuUsage(before);
  handlingMicros[side] += used.user + used.system;
}
/** `rate` edits per sender a second on each side, alternating sides, one edit per event-loop turn. */
async function run(ms: number): Promise<number> {
  const interval = 1000 / (rate * perRoom * rooms * 2);
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < ms) {
    const side = count % 2 === 0 ? 'ours' : 'reference';
    await edit(side, senders[side][Math.floor(count / 2) % senders[side].length]!);
    count++;
    const wait = start + count * interval - performance.now();
    await new Promise((resolve) => (wait > 1 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }
  await liveDocs.settle();
  return count / 2;
}

const framesOf = (side: Side) => senders[side].reduce((n, s) => n + s.socket.frames, 0);
await run(3000);
handlingMicros.ours = 0;
handlingMicros.reference = 0;
const frames0 = { ours: framesOf('ours'), reference: framesOf('reference') };
const updates = await run(seconds * 1000);
const perUpdate = (side: Side) => Math.round((handlingMicros[side] / updates) * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    rate,
    updatesEach: updates,
    framesPerUpdate: { ours: round((framesOf('ours') - frames0.ours) / updates, 1), reference: round((framesOf('reference') - frames0.reference) / updates, 1) },
    handlingMicrosPerUpdate: { ours: perUpdate('ours'), reference: perUpdate('reference') },
    ratio: round(handlingMicros.ours / handlingMicros.reference, 2),
  })}\n`,
);
await liveDocs.closeAll();
await store.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0); // the reference's per-connection ping intervals would keep the process alive
