import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf } from '../../../shared/boardDoc';
import { maxBroadcastHistory } from '../../../shared/control';
import { boardDocName } from '../../../shared/docNames';
import { createTestEvent, joinAsParticipant } from '../../helpers/apiClient';
import { connectSocket, type TestSocket } from '../../helpers/socketClient';
import { freePort, kill9, spawnServer as spawnProcess } from '../../helpers/serverProcess';
import { tempDataDir } from '../../helpers/testServer';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../../helpers/yjsClient';
import { prng } from './harness';

// T3: the real server in a child process; writers in two rooms, an observer per room and a facilitator
// issuing acknowledged commands. SIGKILL at seeded random moments, restart on the same DATA_DIR: every
// update any observer saw and every acknowledged command survives, and the database is intact.

const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
const killPoints = 3;
const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function spawnServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = await spawnProcess(port, { DATA_DIR: dataDir });
  children.push(child);
  return child;
}

describe(`T3 kill -9 mid-session (seed ${seed})`, () => {
  it(`loses no acknowledged update or command over ${killPoints} kills`, async () => {
    const rng = prng(seed);
    const dataDir = tempDataDir();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let child = await spawnServer(dataDir, port);
    const event = await createTestEvent(url);
    const rooms = event.info.rooms.slice(0, 2).map((room) => ({ id: room.id, doc: boardDocName(event.info.id, room.id) }));
    const question = event.info.questions[0]!.id;

    const writers: { handle: ProviderHandle; room: (typeof rooms)[number]; made: string[]; id: string; name: string }[] = [];
    const observers = new Map<string, { handle: ProviderHandle; seen: Uint8Array[] }>();
    for (const room of rooms) {
      for (let i = 0; i < 2; i++) {
        const person = await joinAsParticipant(url, event.info.joinCode, `W${i}`, room.id);
        const handle = connectProvider(url, room.doc, person.cookieHeader);
        cleanups.push(() => handle.destroy());
        writers.push({ handle, room, made: [], id: person.participantId, name: `W${i}` });
      }
      const watcher = await joinAsParticipant(url, event.info.joinCode, 'Observer', room.id);
      const handle = connectProvider(url, room.doc, watcher.cookieHeader);
      cleanups.push(() => handle.destroy());
      const seen: Uint8Array[] = [];
      // Updates relayed by the server have been committed first: by our definition, acknowledged.
      handle.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === handle.provider) seen.push(update);
      });
      observers.set(room.doc, { handle, seen });
    }
    for (const w of writers) await waitForSync(w.handle.provider);
    for (const o of observers.values()) await waitForSync(o.handle.provider);

    // About 50 updates a second in total, offline or not: new cards and typing into them.
    let counter = 0;
    const writing = setInterval(() => {
      for (const w of writers) {
        const id = `${w.room.id}-${counter++}`;
        const mine = w.made.filter((c) => cardsOf(w.handle.doc).has(c));
        if (mine.length > 0 && rng.chance(0.5)) cardTextOf(w.handle.doc, rng.pick(mine))!.insert(0, `<${id}>`);
        else {
          addCard(w.handle.doc, { id, questionId: question, authorId: w.id, authorName: w.name, text: id });
          w.made.push(id);
        }
      }
    }, 80);
    cleanups.push(() => clearInterval(writing));

    const acked: string[] = [];
    let broadcastNo = 0;
    for (let cycle = 0; cycle < killPoints; cycle++) {
      const facilitator: TestSocket = await connectSocket(url, event.info.id, event.facilitator.cookieHeader);
      let commanding = true;
      const commands = (async () => {
        while (commanding) {
          const text = `broadcast ${++broadcastNo}`;
          const result = await facilitator.run('broadcast:send', { text }).catch(() => null);
          if (result?.ok) acked.push(text);
          else break;
        }
      })();
      // A seeded random moment with the session in full flow.
      await new Promise((resolve) => setTimeout(resolve, 300 + rng.int(900)));
      const seenAtKill = new Map([...observers].map(([doc, o]) => [doc, o.seen.length]));
      await kill9(child);
      // Keep every client away until the restarted server's own state has been read (writers keep typing offline).
      for (const w of writers) w.handle.provider.disconnect();
      for (const o of observers.values()) o.handle.provider.disconnect();
      commanding = false;
      await commands;
      facilitator.close();

      const db = new Database(path.join(dataDir, 'roundtable.db'));
      expect(db.pragma('integrity_check', { simple: true }), `seed ${seed}`).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();

      child = await spawnServer(dataDir, port);
      // Read the restarted server's documents before any writer can hand back what it holds.
      for (const room of rooms) {
        const probe = connectProvider(url, room.doc, event.facilitator.cookieHeader);
        await waitForSync(probe.provider);
        const snapshot = Y.snapshot(probe.doc);
        const seen = observers.get(room.doc)!.seen.slice(0, seenAtKill.get(room.doc));
        expect(seen.length, `seed ${seed}: the observer saw updates before kill ${cycle + 1}`).toBeGreaterThan(0);
        const lost = seen.filter((update) => !Y.snapshotContainsUpdate(snapshot, update));
        expect(lost.length, `seed ${seed}, kill ${cycle + 1}: acknowledged updates lost`).toBe(0);
        probe.destroy();
      }
      for (const w of writers) w.handle.provider.connect();
      for (const o of observers.values()) o.handle.provider.connect();
      const check = await connectSocket(url, event.info.id, event.facilitator.cookieHeader);
      const state = (await check.run('control:get')) as { ok: true; data: { state: { broadcasts: { text: string }[] } } };
      const kept = new Set(state.data.state.broadcasts.map((b) => b.text));
      const mustHave = acked.slice(-maxBroadcastHistory);
      expect(mustHave.filter((text) => !kept.has(text)), `seed ${seed}: acknowledged commands lost`).toEqual([]);
      expect(acked.length).toBeGreaterThan(cycle);
      check.close();
    }
    clearInterval(writing);

    // Writers reconnect by themselves; everything they typed, online or offline, converges.
    for (const room of rooms) {
      const members = [...writers.filter((w) => w.room === room).map((w) => w.handle), observers.get(room.doc)!.handle];
      const sv = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64');
      await waitFor(() => members.every((m) => m.provider.synced && sv(m.doc) === sv(members[0]!.doc)), 20_000, `seed ${seed}: ${room.id} converges`);
      for (const w of writers.filter((w) => w.room === room)) {
        const missing = w.made.filter((id) => !cardsOf(members[0]!.doc).has(id));
        expect(missing, `seed ${seed}: writer cards missing`).toEqual([]);
      }
    }
    await kill9(child);
  }, 90_000);
});
