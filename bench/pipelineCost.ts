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

// Our server's own CPU per update, without sockets or a kernel: `npx tsx bench/pipelineCost.ts [rate=1] [seconds=8]`.
// The event load's shape (20 rooms × 10 participants, each moving its own card `rate` times a second) goes
// through the real path — docConnection (budgets, fair turns, decode, schema check, apply), LiveDocs (group
// commit into the SQLite store's update log) and the broadcast to every peer — with each peer a fake socket
// that counts what it is sent. Prints µs of process CPU per update after a warm-up: what the fan-out cells'
// server CPU holds besides the kernel's network work, and quick to compare before and after a change.

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rate = Number(args[0] ?? 1);
const seconds = Number(args[1] ?? 8);
// The harness alone (edits made, never sent): its pacing wake-ups and the senders' own Yjs work, to subtract.
const harnessOnly = process.argv.includes('--harness-only');
// The reference y-websocket server's path (@y/websocket-server utils) on the same fake sockets, to compare with.
const reference = process.argv.includes('--reference');
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
const senders: Sender[] = [];
for (let r = 0; r < rooms; r++) {
  const ref = parseCanonicalDocName(boardDocName('bench-event', `room-${r}`))!;
  for (let p = 0; p < perRoom; p++) {
    const socket = new FakeSocket();
    const claims = { role: 'facilitator' as const, eventId: ref.eventId, participantId: `p-${r}-${p}`, name: 'Facilitator', exp: 0 };
    if (reference) setupWSConnection(socket as unknown as WebSocket, {} as IncomingMessage, { docName: `room-${r}` });
    else serveDocConnection(socket as unknown as WebSocket, {
      liveDocs,
      scheduler,
      sessionBudget: createByteBudget(connectionLimits.sessionRate),
      docMaxBytes: 1024 * 1024,
      docName: boardDocName(ref.eventId, ref.kind === 'board' ? ref.roomId : ''),
      ref,
      claims,
      access: { canWrite: () => true },
      log,
    });
    const doc = new Y.Doc();
    const sender: Sender = { socket, doc, card: null as unknown as Y.Map<unknown>, last: null };
    doc.on('update', (update: Uint8Array) => (sender.last = update));
    addCard(doc, { id: `card-${r}-${p}`, questionId: 'worked-well', authorId: claims.participantId, authorName: claims.name, text: '' });
    sender.card = cardsOf(doc).get(`card-${r}-${p}`)!;
    senders.push(sender);
  }
}
// Documents load and every sender's card arrives before anything is timed.
await new Promise((resolve) => setTimeout(resolve, 200));
for (const s of senders) s.socket.emit('message', syncUpdate(s.last!), true);
await liveDocs.settle();

let sent = 0;
/** CPU of the server's own handling (the frame's task and its microtasks), without any loop wake-up. */
let handlingMicros = 0;
(globalThis as any).__probe?.clear();
async function edit(s: Sender): Promise<void> {
  s.card.set('questionId', `q-${sent++}`);
  if (harnessOnly) return;
  const frame = syncUpdate(s.last!);
  const before = process.cpuUsage();
  s.socket.emit('message', frame, true);
  // Ours commits and broadcasts in microtasks after the frame's task; a few dozen hops cover that chain.
  for (let i = 0; i < 40; i++) await Promise.resolve();
  const used = process.cpuUsage(before);
  handlingMicros += used.user + used.system;
}
/** Senders in turn, `rate × senders` edits a second, one per event-loop turn as sockets would deliver them. */
async function run(ms: number): Promise<number> {
  const interval = 1000 / (rate * senders.length);
  const start = performance.now();
  let next = 0;
  let count = 0;
  while (performance.now() - start < ms) {
    await edit(senders[next++ % senders.length]!);
    count++;
    const due = start + count * interval;
    const wait = due - performance.now();
    await new Promise((resolve) => (wait > 1 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }
  await liveDocs.settle();
  return count;
}

await run(3000);
const cpu0 = process.cpuUsage();
handlingMicros = 0;
const frames0 = senders.reduce((n, s) => n + s.socket.frames, 0);
const updates = await run(seconds * 1000);
const cpu = process.cpuUsage(cpu0);
const frames = senders.reduce((n, s) => n + s.socket.frames, 0) - frames0;
const micros = (cpu.user + cpu.system) / updates;
const __P=(globalThis as any).__probe as Map<string,number>|undefined; if(__P) process.stdout.write(JSON.stringify(Object.fromEntries([...__P].map(([k,v])=>[k,Math.round(v*1000/updates)])))+'\n');
process.stdout.write(
  `${JSON.stringify({ server: reference ? 'reference' : 'ours', rate, harnessOnly, updates, framesPerUpdate: Math.round((frames / updates) * 10) / 10, cpuMicrosPerUpdate: Math.round(micros), handlingMicrosPerUpdate: Math.round((handlingMicros / updates) * 10) / 10, userMicros: Math.round(cpu.user / updates), systemMicros: Math.round(cpu.system / updates) })}\n`,
);
await liveDocs.closeAll();
await store.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0); // the reference's per-connection ping intervals would keep the process alive
