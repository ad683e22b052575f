import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { soloBus, type ClusterBus } from '../cluster/clusterBus';
import type { DocStore } from '../store/store';
import { encodeAwarenessMessage, encodeSyncStep1, encodeUpdateMessage } from './protocol';
import { dropPending } from './updateGuard';

/** A peer of a live document: anything that can receive encoded frames. */
export interface DocPeer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Marks updates and presence that arrived from another server: already stored there, never sent back. */
const fromCluster = Symbol('from-cluster');
/** Marks the stored state being integrated: already stored, nothing to persist or relay. */
const fromStore = Symbol('from-store');

interface PendingUpdate {
  update: Uint8Array;
  origin: unknown;
}

export interface LiveDoc {
  name: string;
  doc: Y.Doc;
  awareness: Awareness;
  peers: Set<DocPeer>;
  /** Updates applied in memory but not yet committed; broadcast only after commit. */
  pending: PendingUpdate[];
  flushing: Promise<void> | null;
  lastSeq: number;
  updatesSinceCompact: number;
  /** Bytes stored since the last snapshot, and that snapshot's size: compaction waits until the first passes the second. */
  bytesSinceCompact: number;
  snapshotBytes: number;
  unloadTimer: NodeJS.Timeout | null;
  /** The whole document encoded once for any number of joiners; dropped on every change. */
  fullState: Uint8Array | null;
  /** While the document is still only its stored snapshot (not integrated): that snapshot's state vector. */
  storedStateVector: Uint8Array | null;
}

export interface LiveDocsOptions {
  store: DocStore;
  log: Logger;
  /** Compact into a snapshot after this many appended updates… */
  compactEvery: number;
  /** …or once the bytes appended since the last snapshot pass both its size and this many bytes. */
  compactMinBytes?: number;
  /** Keep an empty document this long in case someone reconnects. */
  unloadAfterMs: number;
  /** Told after updates to a document are committed (for live overviews). */
  onCommitted?(name: string): void;
  /** Other servers of the deployment (none by default). */
  bus?: ClusterBus;
}

export const updateChannel = (name: string) => `rt:yjs:${name}`;
export const awarenessChannel = (name: string) => `rt:aw:${name}`;
const docsChannel = 'rt:docs';

/**
 * Loads, persists and unloads Yjs documents. "Acknowledged" means committed to the store: every
 * update is committed before it is broadcast, in one transaction per event-loop turn for all
 * documents together (group commit), and each document's updates of that turn leave as one frame.
 */
export function createLiveDocs(options: LiveDocsOptions) {
  const { store, log } = options;
  const bus = options.bus ?? soloBus();
  const docs = new Map<string, Promise<LiveDoc>>();
  const dirty = new Set<LiveDoc>();
  // Each document without the integrating getter: destroying one must not integrate it first.
  const rawDocs = new WeakMap<LiveDoc, Y.Doc>();
  // Documents dropped from `docs` (storage error, discard): their peers' late leaves must not unload, and
  // so remove, a newer document of the same name.
  const retired = new WeakSet<LiveDoc>();
  const retire = (live: LiveDoc) => {
    retired.add(live);
    if (live.unloadTimer) clearTimeout(live.unloadTimer);
    live.unloadTimer = null;
  };
  let flushRound: Promise<void> | null = null;

  async function load(name: string): Promise<LiveDoc> {
    const doc = new Y.Doc({ gc: true });
    // Subscribe before reading the store, so no update another server commits meanwhile is missed;
    // applying one twice is harmless.
    const early: Uint8Array[] = [];
    let live: LiveDoc | null = null;
    await bus.subscribe(updateChannel(name), (update) => {
      if (live) applyFromCluster(live, update);
      else early.push(update);
    });
    const stored = await store.loadDoc(name);
    const storedCount = stored.updates.length;
    const snapshotBytes = stored.updates[0]?.byteLength ?? 0;
    const bytesSinceCompact = stored.updates.slice(1).reduce((sum, u) => sum + u.byteLength, 0);
    let integrated = false;
    let broken: unknown = null;
    const integrate = () => {
      if (broken) throw broken;
      if (integrated) return;
      try {
        // One merged apply is much cheaper than replaying every stored update one by one.
        if (storedCount > 0) Y.applyUpdate(doc, storedCount === 1 ? stored.updates[0]! : Y.mergeUpdates(stored.updates), fromStore);
        for (const update of early.splice(0)) Y.applyUpdate(doc, update, fromCluster);
      } catch (error) {
        // A document that cannot be integrated is never served, edited or compacted (that would overwrite
        // what is stored with an empty board): every use throws, and it is dropped so the next open retries.
        broken = error;
        log.error({ err: error, doc: name }, 'stored document could not be integrated; dropping it');
        if (live) void discardLocally(name, 1011, 'could not load the board, retrying');
        throw error;
      }
      integrated = true;
      stored.updates = [];
      if (live) live.storedStateVector = null;
      // Only fully integrated updates are ever stored; anything pending here would be served to every peer.
      if (dropPending(doc)) log.warn({ doc: name }, 'stored document had updates with missing dependencies; ignored them');
    };
    // A document stored as one snapshot is served to joiners with an empty state vector as those very
    // bytes, and integrated (about 150 ms for 2,000 cards) only when something needs its content: the
    // first joiner after a restart does not wait for it. Anything that reads `doc` integrates it first.
    const servedAsStored = stored.stateVector !== undefined && early.length === 0;
    const storedState = servedAsStored ? stored.updates[0]! : null;
    if (!servedAsStored) integrate();
    live = {
      name,
      get doc() {
        integrate();
        return doc;
      },
      awareness: new Awareness(doc),
      peers: new Set(),
      pending: [],
      flushing: null,
      lastSeq: stored.lastSeq,
      updatesSinceCompact: storedCount,
      snapshotBytes,
      bytesSinceCompact,
      unloadTimer: null,
      fullState: storedState,
      storedStateVector: servedAsStored ? stored.stateVector! : null,
    };
    const self = live;
    rawDocs.set(self, doc);
    // The server has no presence of its own.
    self.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === fromStore) return;
      self.fullState = null;
      self.pending.push({ update, origin });
      dirty.add(self);
      scheduleFlush();
    });
    self.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = added.concat(updated, removed);
      if (changed.length === 0) return;
      const update = awarenessProtocol.encodeAwarenessUpdate(self.awareness, changed);
      // Encoded once for every peer; the sender gets it too, which keeps its liveness check fed.
      const frame = encodeAwarenessMessage(update);
      for (const peer of self.peers) peer.send(frame);
      if (origin !== fromCluster) bus.publish(awarenessChannel(name), update);
    });
    await bus.subscribe(awarenessChannel(name), (update) => awarenessProtocol.applyAwarenessUpdate(self.awareness, update, fromCluster));
    return self;
  }

  function applyFromCluster(live: LiveDoc, update: Uint8Array): void {
    try {
      Y.applyUpdate(live.doc, update, fromCluster);
    } catch (err) {
      log.warn({ err, doc: live.name }, 'ignored an undecodable update from another server');
    }
  }

  function scheduleFlush(): void {
    if (flushRound) return;
    flushRound = (async () => {
      // Yield once so that everything arriving in this turn is committed together.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        while (dirty.size > 0) await flushDirty();
      } finally {
        flushRound = null;
      }
    })();
  }

  async function flushDirty(): Promise<void> {
    const batch = [...dirty].map((live) => ({ live, updates: live.pending.splice(0) }));
    dirty.clear();
    const round = (async () => {
      const toStore = batch
        .map(({ live, updates }) => ({ name: live.name, updates: updates.filter((u) => u.origin !== fromCluster).map((u) => u.update) }))
        .filter((entry) => entry.updates.length > 0);
      let seqs: Map<string, number>;
      try {
        seqs = await store.appendBatch(toStore);
      } catch (error) {
        // Not committed means not acknowledged: drop the peers so they resync and resend what they hold.
        log.error({ err: error }, 'could not persist document updates; closing their connections');
        for (const { live } of batch) {
          retire(live);
          docs.delete(live.name);
          for (const peer of [...live.peers]) peer.close(1011, 'storage error, reconnecting');
          void forget(live);
        }
        return;
      }
      for (const { live, updates } of batch) {
        const seq = seqs.get(live.name);
        if (seq !== undefined) {
          live.lastSeq = seq;
          live.updatesSinceCompact += updates.length;
          for (const { update, origin } of updates) if (origin !== fromCluster) live.bytesSinceCompact += update.byteLength;
        }
        broadcast(live, updates);
        options.onCommitted?.(live.name);
        if (dueForCompaction(live)) {
          await compact(live).catch((err) => log.error({ err, doc: live.name }, 'compaction failed'));
        }
      }
    })();
    for (const { live } of batch) live.flushing = round;
    await round;
    for (const { live } of batch) if (live.flushing === round) live.flushing = null;
  }

  /** One frame per document per turn; a lone sender is skipped, mixed senders get the (harmless) echo. */
  function broadcast(live: LiveDoc, updates: PendingUpdate[]): void {
    if (updates.length === 0) return;
    const merged = updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update));
    // A Buffer, so that ws does not wrap the bytes again for every peer.
    const encoded = encodeUpdateMessage(merged);
    const frame = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    const origins = new Set(updates.map((u) => u.origin));
    const skip = origins.size === 1 ? updates[0]!.origin : undefined;
    for (const peer of live.peers) if (peer !== skip) peer.send(frame);
    const local = updates.filter((u) => u.origin !== fromCluster).map((u) => u.update);
    if (bus.clustered && local.length > 0) bus.publish(updateChannel(live.name), local.length === 1 ? local[0]! : Y.mergeUpdates(local));
  }

  // Writing a snapshot costs its whole size, so it waits until at least as many update bytes have been
  // stored since the last one: compaction then at most doubles the bytes written, and rows stay ≤ 2× a snapshot.
  function dueForCompaction(live: LiveDoc): boolean {
    if (live.updatesSinceCompact >= options.compactEvery) return true;
    return live.bytesSinceCompact >= Math.max(live.snapshotBytes, options.compactMinBytes ?? 64 * 1024);
  }

  async function compact(live: LiveDoc): Promise<void> {
    const state = Y.encodeStateAsUpdate(live.doc);
    await store.compactDoc(live.name, state, live.lastSeq, Y.encodeStateVector(live.doc));
    live.updatesSinceCompact = 1;
    live.snapshotBytes = state.byteLength;
    live.bytesSinceCompact = 0;
  }

  async function unload(live: LiveDoc): Promise<void> {
    if (live.peers.size > 0 || retired.has(live)) return;
    await live.flushing;
    if (live.peers.size > 0 || live.pending.length > 0) return;
    if (live.updatesSinceCompact > 1) await compact(live);
    if (live.peers.size > 0 || retired.has(live)) return;
    retire(live);
    docs.delete(live.name);
    await forget(live);
  }

  async function forget(live: LiveDoc): Promise<void> {
    live.awareness.destroy();
    rawDocs.get(live)?.destroy();
    await Promise.all([bus.unsubscribe(updateChannel(live.name)), bus.unsubscribe(awarenessChannel(live.name))]).catch(() => undefined);
  }

  async function discardLocally(name: string, code: number, reason: string): Promise<void> {
    const loading = docs.get(name);
    if (!loading) return;
    const live = await loading;
    await live.flushing;
    if (retired.has(live)) return;
    retire(live);
    docs.delete(name);
    for (const peer of [...live.peers]) peer.close(code, reason);
    live.peers.clear();
    await forget(live);
  }
  void bus.subscribe(docsChannel, (payload) => {
    const { name, code, reason } = JSON.parse(Buffer.from(payload).toString('utf8')) as { name: string; code: number; reason: string };
    void discardLocally(name, code, reason);
  });

  function scheduleUnloadIfEmpty(live: LiveDoc): void {
    if (live.peers.size > 0 || live.unloadTimer || retired.has(live)) return;
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      unload(live).catch((err) => log.error({ err, doc: live.name }, 'unload failed'));
    }, options.unloadAfterMs);
    live.unloadTimer.unref();
  }

  return {
    async open(name: string): Promise<LiveDoc> {
      let loading = docs.get(name);
      if (!loading) {
        loading = load(name);
        docs.set(name, loading);
        loading.catch(() => docs.delete(name));
      }
      return loading;
    },
    join(live: LiveDoc, peer: DocPeer): void {
      if (live.unloadTimer) clearTimeout(live.unloadTimer);
      live.unloadTimer = null;
      live.peers.add(peer);
    },
    /** For a caller that opened a document but will not join it (its connection closed meanwhile). */
    release(live: LiveDoc): void {
      scheduleUnloadIfEmpty(live);
    },
    leave(live: LiveDoc, peer: DocPeer, awarenessClientId: number | null): void {
      live.peers.delete(peer);
      if (awarenessClientId !== null) awarenessProtocol.removeAwarenessStates(live.awareness, [awarenessClientId], peer);
      scheduleUnloadIfEmpty(live);
    },
    /** The server's SyncStep1 for a peer, without integrating a document that is still its stored snapshot. */
    syncStep1For(live: LiveDoc): Uint8Array {
      return encodeSyncStep1(live.storedStateVector ?? live.doc);
    },
    /**
     * What a peer with this state vector lacks. A joiner with nothing gets the cached full state,
     * so a burst of joiners costs one encode, not one each.
     */
    stateFor(live: LiveDoc, stateVector: Uint8Array): Uint8Array {
      if (Y.decodeStateVector(stateVector).size > 0) return Y.encodeStateAsUpdate(live.doc, stateVector);
      live.fullState ??= Y.encodeStateAsUpdate(live.doc);
      return live.fullState;
    },
    /** Drops a document without saving it (its room was removed): peers are closed, memory freed, on every server. */
    async discard(name: string, code: number, reason: string): Promise<void> {
      if (bus.clustered) bus.publish(docsChannel, Buffer.from(JSON.stringify({ name, code, reason })));
      await discardLocally(name, code, reason);
    },
    /** Resolves once every update applied to this document so far is committed (and so may be served). */
    async whenCommitted(live: LiveDoc): Promise<void> {
      while (live.flushing || live.pending.length > 0) {
        if (live.flushing) await live.flushing;
        else await new Promise((resolve) => setImmediate(resolve));
      }
    },
    /** Waits until every applied update is committed (used by shutdown and tests). */
    async settle(): Promise<void> {
      while (flushRound || dirty.size > 0) {
        if (flushRound) await flushRound;
        else await new Promise((resolve) => setImmediate(resolve));
      }
    },
    loadedCount(): number {
      return docs.size;
    },
    /** Runs fn on a document (loading it if needed), e.g. for moderation by the server itself. */
    async withDoc<T>(name: string, fn: (live: LiveDoc) => T): Promise<T> {
      const live = await this.open(name);
      const result = fn(live);
      scheduleUnloadIfEmpty(live);
      return result;
    },
    /** The loaded document of that name, if any, without loading it. */
    async ifLoaded(name: string): Promise<LiveDoc | undefined> {
      return docs.get(name);
    },
    async closeAll(): Promise<void> {
      await this.settle();
      for (const loading of docs.values()) {
        const live = await loading.catch(() => null);
        if (!live) continue;
        retire(live);
        for (const peer of live.peers) peer.close(1001, 'server shutting down');
        // A clean shutdown leaves one snapshot per document, so the next start loads it quickly.
        if (live.updatesSinceCompact > 1) await compact(live).catch((err) => log.warn({ err, doc: live.name }, 'compaction at shutdown failed'));
        await forget(live);
      }
      docs.clear();
    },
  };
}

export type LiveDocs = ReturnType<typeof createLiveDocs>;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
