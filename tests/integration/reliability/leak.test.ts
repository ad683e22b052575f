import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { addCard } from '../../../shared/boardDoc';
import { boardDocName } from '../../../shared/docNames';
import { createTestEvent, joinAsParticipant, sampleEvent } from '../../helpers/apiClient';
import { connectProvider, waitFor, waitForSync } from '../../helpers/yjsClient';
import { startCapturedServer } from './harness';

// T6 (CI size): many connect → edit → leave cycles across rooms; once rooms empty every document is
// unloaded, no presence entry is left behind, and the heap returns to its baseline.

// global.gc without a command-line flag: the flag is set at run time and gc fetched from a fresh context.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const rooms = 10;
const cycles = 300;
let server: Awaited<ReturnType<typeof startCapturedServer>>;
afterAll(async () => {
  await server?.close();
});

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('T6 leak check', () => {
  it(`${cycles} cycles across ${rooms} rooms: documents unloaded, presence empty, heap back near baseline`, async () => {
    server = await startCapturedServer({ level: 'warn', env: { DOC_UNLOAD_MS: '50' } });
    const event = await createTestEvent(server.url, { ...sampleEvent, rooms: Array.from({ length: rooms }, (_, i) => ({ topic: `Room ${i + 1}` })) });
    const people = await Promise.all(event.info.rooms.map((room, i) => joinAsParticipant(server.url, event.info.joinCode, `P${i}`, room.id)));
    const docs = event.info.rooms.map((room) => boardDocName(event.info.id, room.id));

    const runCycles = async (from: number, to: number) => {
      for (let start = from; start < to; start += rooms) {
        await Promise.all(
          docs.map(async (doc, r) => {
            const handle = connectProvider(server.url, doc, people[r]!.cookieHeader);
            await waitForSync(handle.provider);
            addCard(handle.doc, { id: `c${start + r}`, questionId: 'q1', authorId: people[r]!.participantId, authorName: `P${r}`, text: 'x'.repeat(200) });
            handle.provider.awareness.setLocalStateField('cursor', { cardId: `c${start + r}` });
            await server.liveDocs.settle();
            handle.destroy();
          }),
        );
      }
    };

    await runCycles(0, 20); // warm-up: code paths, caches and pools
    await waitFor(() => server.liveDocs.loadedCount() === 0, 10_000, 'warm-up unload');
    const baseline = heapUsed();

    await runCycles(20, cycles);
    for (const doc of docs) {
      const live = await server.liveDocs.ifLoaded(doc);
      if (live) await waitFor(() => live.awareness.getStates().size === 0 && live.peers.size === 0, 10_000, `presence in ${doc} to empty`);
    }
    await waitFor(() => server.liveDocs.loadedCount() === 0, 10_000, 'all documents unloaded');
    const after = heapUsed();
    console.log(JSON.stringify({ leakCheck: { cycles, rooms, baselineMiB: +(baseline / 2 ** 20).toFixed(1), afterMiB: +(after / 2 ** 20).toFixed(1) } }));
    expect(after - baseline).toBeLessThan(20 * 2 ** 20);
    // The content was kept: unloading compacted it to storage.
    expect((await server.store.loadDoc(docs[0]!)).updates.length).toBeGreaterThan(0);
  }, 60_000);
});
