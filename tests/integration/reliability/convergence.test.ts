import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, cardsOf, cardTextOf, deleteCard, moveCard } from '../../../shared/boardDoc';
import { boardDocName, summaryDocName } from '../../../shared/docNames';
import { createTestEvent, joinAsParticipant } from '../../helpers/apiClient';
import { connectProvider, waitFor, waitForSync, type ProviderHandle } from '../../helpers/yjsClient';
import { prng, startCapturedServer, type Rng } from './harness';
import { cleanupsAfterEach } from '../../helpers/testServer';

// T2: real WebsocketProvider clients through the real server, random edits and random disconnects
// (editing on while offline). Everyone ends identical, no op id is lost, a late joiner and a restarted
// server agree, and no client ever receives another room's content.

const opsPerClient = 150;
const seeds = process.env.CONVERGENCE_SEEDS ? process.env.CONVERGENCE_SEEDS.split(',').map(Number) : [1, 2, 3].map((i) => (Date.now() * i) % 1_000_003);

const cleanups = cleanupsAfterEach();

interface Expected {
  added: Set<string>;
  deleted: Set<string>;
  /** token -> card it was typed into */
  edits: Map<string, string>;
}

function randomOp(rng: Rng, client: ProviderHandle, opId: string, questions: string[], expected: Expected, authorId: string, authorName: string) {
  const cards = [...cardsOf(client.doc).keys()];
  const roll = rng.next();
  if (cards.length === 0 || roll < 0.35) {
    addCard(client.doc, { id: opId, questionId: rng.pick(questions), authorId, authorName, text: `(${opId})` });
    expected.added.add(opId);
  } else if (roll < 0.8) {
    const cardId = rng.pick(cards);
    const text = cardTextOf(client.doc, cardId);
    if (!text) return;
    // At either end only, so no later insert can split a token.
    text.insert(rng.chance(0.5) ? 0 : text.length, `[${opId}]`);
    expected.edits.set(`[${opId}]`, cardId);
  } else if (roll < 0.92) {
    moveCard(client.doc, rng.pick(cards), rng.pick(questions));
  } else {
    // Participants may delete only their own cards (the server refuses the rest).
    const own = cards.filter((id) => cardsOf(client.doc).get(id)?.get('authorId') === authorId);
    if (own.length === 0) return;
    const cardId = rng.pick(own);
    deleteCard(client.doc, cardId);
    expected.deleted.add(cardId);
  }
}

const summaryNotes = (doc: Y.Doc) => String(doc.getMap('summary').get('front') ?? '');
const sv = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64');
const sortedJson = (doc: Y.Doc) => {
  const value = cardsOf(doc).toJSON() as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
};

describe('T2 convergence through the real server with random disconnects', () => {
  it.each(seeds)('seed %i', async (seed) => {
    const rng = prng(seed);
    const server = await startCapturedServer({ level: 'warn' });
    let current = server;
    cleanups.push(() => current.close());
    const event = await createTestEvent(server.url);
    const questions = event.info.questions.map((q) => q.id);
    const rooms = event.info.rooms.slice(0, 2).map((room) => ({ id: room.id, doc: boardDocName(event.info.id, room.id), tag: `r${room.id.slice(0, 3)}` }));
    const clients: { handle: ProviderHandle; room: (typeof rooms)[number]; name: string; id: string; received: Uint8Array[] }[] = [];
    for (const room of rooms) {
      for (let i = 0; i < 3; i++) {
        const person = await joinAsParticipant(server.url, event.info.joinCode, `${room.tag}-p${i}`, room.id);
        const handle = connectProvider(server.url, room.doc, person.cookieHeader);
        cleanups.push(() => handle.destroy());
        const received: Uint8Array[] = [];
        handle.doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === handle.provider) received.push(update);
        });
        clients.push({ handle, room, name: `${room.tag}-p${i}`, id: person.participantId, received });
      }
    }
    const summary = connectProvider(server.url, summaryDocName(event.info.id), event.facilitator.cookieHeader);
    cleanups.push(() => summary.destroy());
    for (const c of [...clients.map((c) => c.handle), summary]) await waitForSync(c.provider);

    const expected = new Map(rooms.map((room) => [room.doc, { added: new Set<string>(), deleted: new Set<string>(), edits: new Map<string, string>() } as Expected]));
    const summaryTokens: string[] = [];
    let disconnects = 0;
    for (let step = 0; step < opsPerClient; step++) {
      for (const client of clients) {
        const opId = `${client.room.tag}-${client.name}-${step}`;
        randomOp(rng, client.handle, opId, questions, expected.get(client.room.doc)!, client.id, client.name);
        // Roughly once per 40 ops per client: drop off (cleanly or abruptly) and keep editing offline.
        if (rng.chance(1 / 40)) {
          disconnects++;
          if (rng.chance(0.5)) client.handle.provider.disconnect();
          else client.handle.provider.ws?.close();
        } else if (!client.handle.provider.shouldConnect && rng.chance(1 / 8)) {
          client.handle.provider.connect();
        }
      }
      if (step % 10 === 0) {
        const token = `{s${step}}`;
        summaryTokens.push(token);
        // Written as a summary part, the only shape the summary document accepts.
        summary.doc.getMap('summary').set('front', JSON.stringify({ sessionNotes: summaryTokens.join(' ') }));
      }
      // Let the network run between rounds, sometimes longer.
      await new Promise((resolve) => setTimeout(resolve, rng.chance(0.1) ? 20 : 1));
    }
    expect(disconnects, `seed ${seed}: the run should include disconnects`).toBeGreaterThan(3);
    for (const client of clients) if (!client.handle.provider.shouldConnect) client.handle.provider.connect();

    for (const room of rooms) {
      const members = clients.filter((c) => c.room === room).map((c) => c.handle);
      await waitFor(
        () => {
          const live = members.map((m) => sv(m.doc));
          return members.every((m) => m.provider.synced && m.provider.wsconnected) && live.every((s) => s === live[0]);
        },
        20_000,
        `room ${room.id} to converge (seed ${seed})`,
      );
      await current.liveDocs.settle();
      const serverDoc = (await current.liveDocs.ifLoaded(room.doc))!.doc;
      await waitFor(() => sv(serverDoc) === sv(members[0]!.doc), 10_000, `server copy of ${room.id} (seed ${seed})`);
      const reference = sortedJson(members[0]!.doc);
      for (const m of members) expect(sortedJson(m.doc), `seed ${seed}: replicas differ`).toBe(reference);
      expect(sortedJson(serverDoc)).toBe(reference);

      // Every op id: added cards exist unless deleted, every typed token is in its card unless the card was deleted.
      const exp = expected.get(room.doc)!;
      const cards = cardsOf(members[0]!.doc);
      const missing: string[] = [];
      for (const id of exp.added) if (!exp.deleted.has(id) && !cards.has(id)) missing.push(id);
      for (const id of exp.deleted) if (cards.has(id)) missing.push(`deleted ${id} is back`);
      for (const [token, cardId] of exp.edits) {
        if (exp.deleted.has(cardId)) continue;
        if (!cardTextOf(members[0]!.doc, cardId)?.toString().includes(token)) missing.push(token);
      }
      expect(missing, `seed ${seed}: lost ops`).toEqual([]);
      expect(exp.added.size).toBeGreaterThan(50);

      // No client of this room ever received a byte of the other room's content.
      const otherTag = rooms.find((r) => r !== room)!.tag;
      for (const client of clients.filter((c) => c.room === room)) {
        for (const update of client.received) expect(Buffer.from(update).includes(Buffer.from(`${otherTag}-`)), `seed ${seed}: cross-room content`).toBe(false);
      }
    }
    await waitFor(() => summaryTokens.every((t) => summaryNotes(summary.doc).includes(t)));

    // A fresh late joiner agrees.
    const finals = new Map(rooms.map((room) => [room.doc, sortedJson(clients.find((c) => c.room === room)!.handle.doc)]));
    for (const room of rooms) {
      const late = connectProvider(current.url, room.doc, event.facilitator.cookieHeader);
      cleanups.push(() => late.destroy());
      await waitForSync(late.provider);
      expect(sortedJson(late.doc), `seed ${seed}: late joiner`).toBe(finals.get(room.doc));
    }

    // And so does the server restarted on the same data, from SQLite alone, with nothing pending stored.
    for (const c of clients) c.handle.provider.disconnect();
    await current.close();
    current = await startCapturedServer({ dataDir: server.dataDir, level: 'warn' });
    for (const room of rooms) {
      const stored = await current.store.loadDoc(room.doc);
      const rebuilt = new Y.Doc();
      for (const update of stored.updates) Y.applyUpdate(rebuilt, update);
      expect(rebuilt.store.pendingStructs, `seed ${seed}: pending structs stored`).toBeNull();
      expect(rebuilt.store.pendingDs).toBeNull();
      expect(sortedJson(rebuilt), `seed ${seed}: restarted server`).toBe(finals.get(room.doc));
    }
    const storedSummary = await current.store.loadDoc(summaryDocName(event.info.id));
    const rebuiltSummary = new Y.Doc();
    for (const update of storedSummary.updates) Y.applyUpdate(rebuiltSummary, update);
    for (const token of summaryTokens) expect(summaryNotes(rebuiltSummary)).toContain(token);
  });
});
