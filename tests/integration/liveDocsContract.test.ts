import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore } from '../../server/store/postgresStore';
import { openSqliteStore } from '../../server/store/sqliteStore';
import type { Store } from '../../server/store/store';
import { decodeMessage } from '../../server/yjs/protocol';
import { SharedFrame } from '../../server/yjs/sharedFrame';
import { createLiveDocs, type DocPeer, type LiveDoc, type LiveDocs } from '../../server/yjs/liveDocs';
import { has } from '../helpers/externalNeeds';
import { createTempDatabase } from '../helpers/postgres';
import { tempDataDir } from '../helpers/testServer';
import { waitFor } from '../helpers/yjsClient';

// The LiveDocs contract, one body run over every store (y-redis style): what is acknowledged is committed,
// what is discarded is never stored, and a document's lifecycle (cold, live, broken, retired) holds.

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

interface StoreFactory {
  open(): Promise<Store>;
  /** Keeps a snapshot's state vector, so a document stored as one snapshot loads cold. */
  coldServing: boolean;
}

const stores: [string, StoreFactory][] = [['SQLite', { open: async () => openSqliteStore(tempDataDir()), coldServing: true }]];
if (has('the LiveDocs contract over PostgreSQL', 'postgres')) {
  stores.push([
    'PostgreSQL',
    {
      coldServing: false,
      async open() {
        const db = await createTempDatabase();
        drops.push(db.drop);
        return openPostgresStore(db.url);
      },
    },
  ]);
}

/** A peer that records what it is sent and how it was closed. */
function recordingPeer(events: string[] = [], label = 'peer') {
  const peer = {
    updates: [] as Uint8Array[],
    closed: null as number | null,
    send(frame: Uint8Array | SharedFrame) {
      const message = decodeMessage(frame instanceof SharedFrame ? frame.message : frame);
      if (message.type === 'sync-update') {
        peer.updates.push(message.update);
        events.push(`${label} received`);
      }
    },
    close(code: number) {
      peer.closed = code;
    },
  };
  return peer satisfies DocPeer;
}

/** A peer that can hold its echo, recording which frames came as its echo and which as sends. */
function echoingPeer() {
  const peer = {
    echoed: [] as SharedFrame[],
    sent: [] as (Uint8Array | SharedFrame)[],
    send(frame: Uint8Array | SharedFrame) {
      peer.sent.push(frame);
    },
    echo(frame: SharedFrame) {
      peer.echoed.push(frame);
    },
    close() {},
  };
  return peer satisfies DocPeer;
}

/** The update an edit of a client document produces. */
function edit(client: Y.Doc, write: (doc: Y.Doc) => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const capture = (update: Uint8Array) => (captured = update);
  client.once('update', capture);
  write(client);
  return captured!;
}

const typeInto = (text: string) => (doc: Y.Doc) => doc.getText('t').insert(doc.getText('t').length, text);

interface Gate {
  entered: () => void;
  release: Promise<void>;
}

function makeGate() {
  let release!: () => void;
  let entered!: () => void;
  const started = new Promise<void>((resolve) => (entered = resolve));
  const held: Gate = { entered, release: new Promise<void>((resolve) => (release = resolve)) };
  return { held, handle: { started, release } };
}

/** A store wrapper that logs commits and snapshot writes, and can hold the next of either until released. */
function observedStore(store: Store, events: string[]) {
  let gate: Gate | null = null;
  const wrapped: Store = Object.create(store);
  // Synchronous (like the SQLite store itself) unless a commit is held: both kinds of commit round are exercised.
  wrapped.appendBatch = (entries) => {
    if (entries.length === 0) return store.appendBatch(entries);
    events.push(`commit ${entries.map((e) => `${e.name}×${e.updates.length}`).join(' ')}`);
    const held = gate;
    gate = null;
    if (!held) return store.appendBatch(entries);
    held.entered();
    return held.release.then(() => store.appendBatch(entries));
  };
  let compactionGate: Gate | null = null;
  wrapped.compactDoc = async (...args) => {
    events.push(`compact ${args[0]} up to ${args[2]}`);
    const held = compactionGate;
    compactionGate = null;
    if (held) {
      held.entered();
      await held.release;
    }
    return store.compactDoc(...args);
  };
  return {
    store: wrapped,
    /** The next commit waits for the returned release(); `started` resolves once it has started. */
    holdNextCommit() {
      const { held, handle } = makeGate();
      gate = held;
      return handle;
    },
    /** The same for the next snapshot write. */
    holdNextCompaction() {
      const { held, handle } = makeGate();
      compactionGate = held;
      return handle;
    },
  };
}

const log = pino({ level: 'silent' });

/** Opens a document with one recording peer joined, and the client document that peer writes from. */
async function openWithWriter(liveDocs: LiveDocs, events: string[], name: string) {
  const live = await liveDocs.open(name);
  const peer = recordingPeer(events);
  liveDocs.join(live, peer);
  return { live, peer, client: new Y.Doc() };
}

describe.each(stores)('LiveDocs over %s', (_name, factory) => {
  // Cold serving needs stored state vectors (codec 3), which only the SQLite store keeps: on PostgreSQL these
  // cases do not apply, so they are not registered there (rather than reported as skipped).
  const itWhenColdServing = factory.coldServing ? it : () => undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: { unloadAfterMs?: number; compactEvery?: number } = {}) {
    const base = await factory.open();
    const events: string[] = [];
    const observed = observedStore(base, events);
    const make = () =>
      createLiveDocs({ store: observed.store, log, compactEvery: options.compactEvery ?? 1000, unloadAfterMs: options.unloadAfterMs ?? 60_000 });
    const liveDocs = make();
    cleanups.push(async () => {
      await liveDocs.closeAll();
      await base.close();
    });
    return { base, events, observed, liveDocs, make };
  }

  /** A document with a writer that holds its echo and a reader that records what it is sent. */
  async function withWriterAndReader(name: string) {
    const { base, liveDocs } = await setUp();
    const live = await liveDocs.open(name);
    const writer = echoingPeer();
    const reader = recordingPeer();
    liveDocs.join(live, writer);
    liveDocs.join(live, reader);
    return { base, liveDocs, live, writer, reader };
  }

  const textOf = (live: LiveDoc) => live.doc.getText('t').toString();
  const storedText = async (store: Store, name: string) => {
    const doc = new Y.Doc();
    for (const update of (await store.loadDoc(name)).updates) Y.applyUpdate(doc, update);
    return doc.getText('t').toString();
  };

  it('commits the updates of one turn together, then sends one frame per document to every peer, the writer too (its acknowledgement)', async () => {
    const { base, events, liveDocs } = await setUp();
    const live = await liveDocs.open('doc.a');
    const writer = recordingPeer(events, 'writer');
    const reader = recordingPeer(events, 'reader');
    liveDocs.join(live, writer);
    liveDocs.join(live, reader);
    const client = new Y.Doc();
    Y.applyUpdate(live.doc, edit(client, typeInto('hello')), writer);
    Y.applyUpdate(live.doc, edit(client, typeInto(' world')), writer);
    // Applied in memory, but neither stored nor sent before the commit.
    expect(textOf(live)).toBe('hello world');
    expect(reader.updates).toHaveLength(0);
    await liveDocs.whenCommitted(live);
    expect(events).toEqual(['commit doc.a×2', 'writer received', 'reader received']);
    expect(writer.updates).toEqual(reader.updates);
    const echo = new Y.Doc();
    Y.applyUpdate(echo, writer.updates[0]!);
    expect(echo.getText('t').toString()).toBe('hello world');
    expect(await storedText(base, 'doc.a')).toBe('hello world');
  });

  it("commits a peer's update as the peer's own bytes, and a repeat of it not at all", async () => {
    const { base, liveDocs, live, writer, reader } = await withWriterAndReader('doc.own');
    const client = new Y.Doc();
    // Two inserts merged by the client: Yjs, encoding the server's transaction, would write them as one struct.
    const update = Y.mergeUpdates([edit(client, typeInto('a')), edit(client, typeInto('b'))]);
    expect(liveDocs.applyFromPeer(live, update, writer).missing).toBe(false);
    await liveDocs.whenCommitted(live);
    expect(reader.updates).toEqual([update]);
    liveDocs.applyFromPeer(live, update, writer);
    await liveDocs.whenCommitted(live);
    expect(reader.updates).toHaveLength(1);
    expect(await storedText(base, 'doc.own')).toBe('ab');
  });

  it('commits what integrated of an update with missing dependencies, and nothing of the rest', async () => {
    const { base, liveDocs, live, writer, reader } = await withWriterAndReader('doc.missing');
    const [early, late] = [new Y.Doc(), new Y.Doc()];
    // Never sent: the next edit depends on it.
    edit(early, typeInto('x'));
    const dependent = edit(early, typeInto('y'));
    const independent = edit(late, (doc) => doc.getText('u').insert(0, 'fine'));
    const applied = liveDocs.applyFromPeer(live, Y.mergeUpdates([dependent, independent]), writer);
    expect(applied.missing).toBe(true);
    await liveDocs.whenCommitted(live);
    expect(reader.updates).toHaveLength(1);
    const received = new Y.Doc();
    Y.applyUpdate(received, reader.updates[0]!);
    expect([received.getText('u').toString(), received.getText('t').toString(), received.store.pendingStructs]).toEqual(['fine', '', null]);
    const stored = new Y.Doc();
    for (const update of (await base.loadDoc('doc.missing')).updates) Y.applyUpdate(stored, update);
    expect([stored.getText('u').toString(), stored.getText('t').toString(), stored.store.pendingStructs]).toEqual(['fine', '', null]);
  });

  it("sends a frame of one peer's own updates back to it as its echo, and any other frame as a send", async () => {
    const { liveDocs } = await setUp();
    const live = await liveDocs.open('doc.echo');
    const writer = echoingPeer();
    const other = echoingPeer();
    liveDocs.join(live, writer);
    liveDocs.join(live, other);
    const [writerClient, otherClient] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(live.doc, edit(writerClient, typeInto('a')), writer);
    await liveDocs.whenCommitted(live);
    expect([writer.echoed.length, writer.sent.length, other.echoed.length, other.sent.length]).toEqual([1, 0, 0, 1]);
    // One turn, two writers: the merged frame holds someone else's update for each of them.
    Y.applyUpdate(live.doc, edit(writerClient, typeInto('b')), writer);
    Y.applyUpdate(live.doc, edit(otherClient, typeInto('c')), other);
    await liveDocs.whenCommitted(live);
    expect([writer.echoed.length, writer.sent.length, other.echoed.length, other.sent.length]).toEqual([1, 1, 0, 2]);
    // A change made by the server itself is nobody's echo.
    live.doc.getText('t').insert(0, 'x');
    await liveDocs.whenCommitted(live);
    expect([writer.echoed.length, writer.sent.length, other.echoed.length, other.sent.length]).toEqual([1, 2, 0, 3]);
    expect(textOf(live)).toMatch(/^x/);
  });

  itWhenColdServing('serves a document stored as one snapshot from its bytes, and integrates it on first read', async () => {
    const { base, liveDocs, make } = await setUp();
    const first = await liveDocs.open('doc.cold');
    const client = new Y.Doc();
    Y.applyUpdate(first.doc, edit(client, typeInto('sto')));
    Y.applyUpdate(first.doc, edit(client, typeInto('red')));
    await liveDocs.closeAll(); // a clean shutdown leaves a changed document as one snapshot with its state vector
    expect(await base.countUpdates('doc.cold')).toBe(1);
    const again = make();
    cleanups.push(() => again.closeAll());
    const live = await again.open('doc.cold');
    expect(live.state.kind).toBe('cold');
    const stored = (await base.loadDoc('doc.cold')).updates[0]!;
    // A fresh joiner gets the stored bytes; the step 1 comes from the stored vector; nothing is integrated.
    expect(again.stateFor(live, Y.encodeStateVector(new Y.Doc()))).toEqual(stored);
    expect(again.syncStep1For(live).byteLength).toBeGreaterThan(0);
    expect(again.stateBytes(live, 0)).toBe(stored.byteLength);
    expect(live.state.kind).toBe('cold');
    expect(textOf(live)).toBe('stored');
    expect(live.state.kind).toBe('live');
  });

  /** A document with one peer typing `words` (each committed), which then leaves it to unload 30 ms later. */
  async function typedThenLeft(name: string, words: string[], beforeLeaving: (live: LiveDoc, liveDocs: LiveDocs) => void = () => undefined) {
    const { base, liveDocs } = await setUp({ unloadAfterMs: 30 });
    const live = await liveDocs.open(name);
    const peer = recordingPeer();
    liveDocs.join(live, peer);
    const client = new Y.Doc();
    for (const word of words) {
      Y.applyUpdate(live.doc, edit(client, typeInto(word)), peer);
      await liveDocs.whenCommitted(live);
    }
    beforeLeaving(live, liveDocs);
    await liveDocs.whenCommitted(live);
    liveDocs.leave(live, peer, null);
    expect(liveDocs.loadedCount()).toBe(1);
    await waitFor(() => liveDocs.loadedCount() === 0, 5000, 'unload');
    expect(live.state.kind).toBe('retired');
    return { base, liveDocs };
  }

  it('unloads a document the timeout after its last peer leaves, leaving a small change as it is stored', async () => {
    const { base, liveDocs } = await typedThenLeft('doc.unload', ['a', 'b', 'c']);
    // Three small updates: a snapshot would cost more to write than they cost to merge on the next load.
    expect(await base.countUpdates('doc.unload')).toBe(3);
    expect(await storedText(base, 'doc.unload')).toBe('abc');
    expect(textOf(await liveDocs.open('doc.unload'))).toBe('abc');
  });

  it('compacts a document at unload however small the change once content was taken out that must leave storage', async () => {
    const { base } = await typedThenLeft('doc.unload.scrub', ['secret'], (live, liveDocs) => {
      live.doc.getText('t').delete(0, 6);
      liveDocs.snapshotAtUnload(live);
    });
    const stored = await base.loadDoc('doc.unload.scrub');
    expect(stored.updates).toHaveLength(1);
    expect(Buffer.from(stored.updates[0]!).includes('secret')).toBe(false);
  });

  it('compacts a document at unload once what changed outweighs its snapshot and 16 KiB', async () => {
    const { base } = await typedThenLeft('doc.unload.big', new Array<string>(5).fill('x'.repeat(4096)));
    expect(await base.countUpdates('doc.unload.big')).toBe(1);
    expect((await storedText(base, 'doc.unload.big')).length).toBe(5 * 4096);
  });

  it('never lets a retired document unload (or be joined in place of) a newer one of the same name', async () => {
    const { liveDocs } = await setUp({ unloadAfterMs: 20 });
    const old = await liveDocs.open('doc.same');
    const peer = recordingPeer();
    liveDocs.join(old, peer);
    await liveDocs.discard('doc.same', 4410, 'gone');
    expect(peer.closed).toBe(4410);
    expect(old.state.kind).toBe('retired');
    const newer = await liveDocs.open('doc.same');
    expect(newer).not.toBe(old);
    const newerPeer = recordingPeer();
    liveDocs.join(newer, newerPeer);
    // The old document's late leave and release schedule nothing.
    liveDocs.leave(old, peer, null);
    liveDocs.release(old);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await liveDocs.ifLoaded('doc.same')).toBe(newer);
    // A peer that opened the old one just before it was dropped is closed instead of joining a dead document.
    const late = recordingPeer();
    liveDocs.join(old, late);
    expect(late.closed).toBe(1011);
    expect(old.peers.size).toBe(0);
  });

  itWhenColdServing('drops a document whose stored snapshot cannot be integrated, and stores nothing over it', async () => {
    const { base, liveDocs } = await setUp();
    const good = new Y.Doc();
    typeInto('some text to cut short')(good);
    const seq = await base.appendUpdates('doc.broken', [Y.encodeStateAsUpdate(good)]);
    await base.compactDoc('doc.broken', Y.encodeStateAsUpdate(good).slice(0, 12), seq, Y.encodeStateVector(good));
    const before = await base.loadDoc('doc.broken');
    const live = await liveDocs.open('doc.broken');
    const peer = recordingPeer();
    liveDocs.join(live, peer);
    expect(live.state.kind).toBe('cold');
    expect(() => live.doc).toThrow();
    expect(live.state.kind).toBe('broken');
    expect(() => live.doc).toThrow();
    expect(peer.closed).toBe(1011);
    expect(liveDocs.loadedCount()).toBe(0);
    await liveDocs.closeAll();
    expect(await base.loadDoc('doc.broken')).toEqual(before);
    // The next open retries from what is stored.
    expect((await liveDocs.open('doc.broken')).state.kind).toBe('cold');
  });

  it('discards a document: peers closed, pending updates dropped, nothing stored afterwards', async () => {
    const { base, events, observed, liveDocs } = await setUp({ compactEvery: 2 });
    const { live, peer, client } = await openWithWriter(liveDocs, events, 'doc.erase');
    Y.applyUpdate(live.doc, edit(client, typeInto('kept')), peer);
    await liveDocs.whenCommitted(live);
    // One commit under way (held in the store), one update pending behind it.
    const hold = observed.holdNextCommit();
    Y.applyUpdate(live.doc, edit(client, typeInto(' in flight')), peer);
    await hold.started;
    Y.applyUpdate(live.doc, edit(client, typeInto(' pending')), peer);
    let discarded = false;
    const discarding = liveDocs.discard('doc.erase', 4410, 'this event was deleted').then(() => (discarded = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(peer.closed).toBe(4410);
    // The discard waits for the write already under way…
    expect(discarded).toBe(false);
    hold.release();
    await discarding;
    // …and once it resolved, that document is never written again: delete it, and it stays deleted.
    await base.deleteDoc('doc.erase');
    Y.applyUpdate(live.doc, edit(client, typeInto(' after')), peer);
    await liveDocs.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await base.loadDoc('doc.erase')).updates).toHaveLength(0);
    expect(events.filter((e) => e.startsWith('commit'))).toEqual(['commit doc.erase×1', 'commit doc.erase×1']);
    expect(liveDocs.loadedCount()).toBe(0);
  });

  it('goes on committing and sending while a snapshot is written, and counts the updates that snapshot does not hold', async () => {
    const { base, events, observed, liveDocs } = await setUp({ compactEvery: 3 });
    const { live, peer, client } = await openWithWriter(liveDocs, events, 'doc.busy');
    const type = async (word: string) => {
      Y.applyUpdate(live.doc, edit(client, typeInto(word)), peer);
      await liveDocs.whenCommitted(live);
    };
    const hold = observed.holdNextCompaction();
    for (const word of ['a', 'b', 'c']) await type(word);
    await hold.started;
    // The third commit started a snapshot of seqs 1–3; it is held, and edits still commit and reach the peer.
    await type('d');
    await type('e');
    expect(peer.updates).toHaveLength(5);
    expect(events.filter((e) => e.startsWith('commit'))).toHaveLength(5);
    hold.release();
    await liveDocs.settle();
    expect(await storedText(base, 'doc.busy')).toBe('abcde');
    // The snapshot plus the two updates it does not hold make three rows: the next commit compacts again.
    await type('f');
    await liveDocs.settle();
    expect(events.filter((e) => e.startsWith('compact'))).toEqual(['compact doc.busy up to 3', 'compact doc.busy up to 6']);
    expect(await base.countUpdates('doc.busy')).toBe(1);
    expect(await storedText(base, 'doc.busy')).toBe('abcdef');
  });

  it('writes the snapshots of documents that fall due together one at a time, and every one of them', async () => {
    const { base, events, observed, liveDocs } = await setUp({ compactEvery: 2 });
    let inFlight = 0;
    let most = 0;
    const compactDoc = observed.store.compactDoc.bind(observed.store);
    observed.store.compactDoc = async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return await compactDoc(...args);
      } finally {
        inFlight--;
      }
    };
    const names = ['doc.q1', 'doc.q2', 'doc.q3', 'doc.q4', 'doc.q5'];
    const writers = [];
    for (const name of names) writers.push(await openWithWriter(liveDocs, events, name));
    // Two edits in every document in one turn: all five fall due in the same commit round.
    for (const { live, peer, client } of writers) for (const word of ['a', 'b']) Y.applyUpdate(live.doc, edit(client, typeInto(word)), peer);
    await liveDocs.settle();
    expect(most).toBe(1);
    // One snapshot per document (seqs are per document in SQLite, shared in PostgreSQL).
    expect(events.flatMap((e) => (e.startsWith('compact') ? [e.split(' ')[1]] : [])).sort()).toEqual(names);
    for (const name of names) expect(await base.countUpdates(name)).toBe(1);
  });

  it('shuts down only once a snapshot under way is written, then writes its own of what came after', async () => {
    const { base, events, observed, liveDocs } = await setUp({ compactEvery: 2 });
    const { live, peer, client } = await openWithWriter(liveDocs, events, 'doc.closing');
    const hold = observed.holdNextCompaction();
    const type = async (word: string) => {
      Y.applyUpdate(live.doc, edit(client, typeInto(word)), peer);
      await liveDocs.whenCommitted(live);
    };
    await type('x');
    await type('y');
    await hold.started;
    // The snapshot of x and y is held; z comes after it.
    await type('z');
    let closed = false;
    const closing = liveDocs.closeAll().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    hold.release();
    await closing;
    expect(events.filter((e) => e.startsWith('compact'))).toEqual(['compact doc.closing up to 2', 'compact doc.closing up to 3']);
    expect(await base.countUpdates('doc.closing')).toBe(1);
    expect(await storedText(base, 'doc.closing')).toBe('xyz');
  });

  it('estimates a document\'s size from the bytes applied, and gives the exact size once the estimate reaches the threshold', async () => {
    const { liveDocs } = await setUp();
    const live = await liveDocs.open('doc.size');
    const client = new Y.Doc();
    let applied = 0;
    for (let i = 0; i < 50; i++) {
      const update = edit(client, typeInto('x'));
      applied += update.byteLength;
      Y.applyUpdate(live.doc, update);
    }
    // Not yet committed, already counted.
    expect(live.state.kind).toBe('live');
    expect(liveDocs.stateBytes(live)).toBe(applied);
    const exact = Y.encodeStateAsUpdate(live.doc).byteLength;
    expect(exact).toBeLessThan(applied); // merging runs typed characters together: the estimate runs high
    // Below the threshold: the estimate; at or above it: the exact size, which the estimate restarts from.
    expect(liveDocs.stateBytes(live, applied + 1)).toBe(applied);
    expect(liveDocs.stateBytes(live, applied)).toBe(exact);
    expect(liveDocs.stateBytes(live)).toBe(exact);
    const more = edit(client, typeInto('y'));
    Y.applyUpdate(live.doc, more);
    expect(liveDocs.stateBytes(live)).toBe(exact + more.byteLength);
    expect(liveDocs.stateBytes(live, 0)).toBe(Y.encodeStateAsUpdate(live.doc).byteLength);
    await liveDocs.settle();
  });
});
