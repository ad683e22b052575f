// Memory soak: rooms × clients cycling connect → edit → leave against the real server, in-process.
// Prints one JSON report: heap and RSS per interval, documents loaded, and the state after the rooms empty.
//   npm run soak -- --duration 60 --rooms 10 --clients 8 --sample 5
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { addCard, cardTextOf } from '../shared/boardDoc';
import { boardDocName } from '../shared/docNames';
import { createLogger, startServer } from '../server/app';
import { loadConfig } from '../server/config';
import { createTestEvent, joinAsParticipant, sampleEvent } from '../tests/helpers/apiClient';
import { connectProvider, waitForSync } from '../tests/helpers/yjsClient';

v8.setFlagsFromString('--expose-gc');
// Every y-websocket provider adds a process 'exit' listener; dozens at once are expected here.
process.setMaxListeners(0);
const gc = vm.runInNewContext('gc') as () => void;

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number(process.env[`SOAK_${name.toUpperCase()}`] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const durationS = arg('duration', 60);
const rooms = arg('rooms', 10);
const clientsPerRoom = arg('clients', 8);
const sampleS = arg('sample', 5);
const unloadMs = 500;

const mib = (bytes: number) => +(bytes / 2 ** 20).toFixed(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-soak-'));
const server = await startServer(
  loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'false', DOC_UNLOAD_MS: String(unloadMs) }),
  createLogger('warn'),
);
const event = await createTestEvent(server.url, { ...sampleEvent, rooms: Array.from({ length: rooms }, (_, i) => ({ topic: `Room ${i + 1}` })) });
const docs = event.info.rooms.map((room) => boardDocName(event.info.id, room.id));
const people = await Promise.all(
  Array.from({ length: rooms * clientsPerRoom }, (_, i) => joinAsParticipant(server.url, event.info.joinCode, `P${i}`, event.info.rooms[i % rooms]!.id)),
);

let cycles = 0;
let edits = 0;
let failures = 0;
let stopping = false;
const deadline = Date.now() + durationS * 1000;

/** One simulated participant: join, type for a few seconds, leave, pause, come back. */
async function participant(index: number): Promise<void> {
  const doc = docs[index % rooms]!;
  while (!stopping && Date.now() < deadline) {
    const handle = connectProvider(server.url, doc, people[index]!.cookieHeader);
    try {
      await waitForSync(handle.provider);
      const cardId = `c${index}-${cycles}`;
      addCard(handle.doc, { id: cardId, questionId: event.info.questions[index % 3]!.id, authorId: people[index]!.participantId, authorName: `P${index}`, text: '' });
      const typing = 5 + Math.floor(Math.random() * 15);
      for (let k = 0; k < typing && Date.now() < deadline; k++) {
        cardTextOf(handle.doc, cardId)?.insert(k, 'a');
        handle.provider.awareness.setLocalStateField('cursor', { cardId, index: k });
        edits++;
        await sleep(100 + Math.random() * 200);
      }
      cycles++;
    } catch {
      failures++;
    } finally {
      handle.destroy();
    }
    await sleep(200 + Math.random() * 800);
  }
}

const samples: { t: number; heapUsedMiB: number; rssMiB: number; docsLoaded: number; cycles: number }[] = [];
const started = Date.now();
const sample = () => {
  // After a full GC, so the figures show what is retained rather than when the collector last ran.
  gc();
  const m = process.memoryUsage();
  samples.push({ t: Math.round((Date.now() - started) / 1000), heapUsedMiB: mib(m.heapUsed), rssMiB: mib(m.rss), docsLoaded: server.liveDocs.loadedCount(), cycles });
};
gc();
sample();
const sampler = setInterval(sample, sampleS * 1000);
await Promise.all(Array.from({ length: rooms * clientsPerRoom }, (_, i) => participant(i)));
stopping = true;
clearInterval(sampler);
const runningSamples = samples.length;
sample();

// Rooms are empty now: wait for the unload, then measure after a full GC.
const unloadDeadline = Date.now() + unloadMs + 10_000;
while (server.liveDocs.loadedCount() > 0 && Date.now() < unloadDeadline) await sleep(50);
gc();
gc();
const end = process.memoryUsage();

// Heap trend over the second half of the run while rooms were busy (least squares), in MiB per minute.
// Busy documents legitimately grow with their content (and Yjs keeps a state entry per client id);
// the leak signal is atEnd: heap after the rooms empty and unload, against the first sample.
const tail = samples.slice(Math.floor(runningSamples / 2), runningSamples);
const meanT = tail.reduce((s, x) => s + x.t, 0) / tail.length;
const meanH = tail.reduce((s, x) => s + x.heapUsedMiB, 0) / tail.length;
const slope = tail.reduce((s, x) => s + (x.t - meanT) * (x.heapUsedMiB - meanH), 0) / (tail.reduce((s, x) => s + (x.t - meanT) ** 2, 0) || 1);

const dbFile = path.join(dataDir, 'roundtable.db');
const report = {
  soak: {
    durationS,
    rooms,
    clientsPerRoom,
    cycles,
    edits,
    failures,
    samples,
    heapSlopeMiBPerMin: +(slope * 60).toFixed(2),
    atEnd: {
      docsLoaded: server.liveDocs.loadedCount(),
      heapUsedAfterGcMiB: mib(end.heapUsed),
      rssMiB: mib(end.rss),
      firstSampleHeapMiB: samples[0]!.heapUsedMiB,
      dbMiB: mib(fs.statSync(dbFile).size),
      walMiB: fs.existsSync(`${dbFile}-wal`) ? mib(fs.statSync(`${dbFile}-wal`).size) : 0,
    },
  },
};
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify(report, null, 2));
process.exit(report.soak.atEnd.docsLoaded === 0 && failures === 0 ? 0 : 1);
