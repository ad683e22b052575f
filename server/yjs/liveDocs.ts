import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from '../store/store';
import { encodeAwarenessMessage, encodeUpdateMessage } from './protocol';
import { dropPending } from './updateGuard';

/** A peer of a live document: anything that can receive encoded frames. */
export interface DocPeer {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface LiveDoc {
  name: string;
  doc: Y.Doc;
  awareness: Awareness;
  peers: Set<DocPeer>;
  /** Updates applied in memory but not yet committed; broadcast only after commit. */
  pending: { update: Uint8Array; origin: unknown }[];
  flushing: Promise<void> | null;
  lastSeq: number;
  updatesSinceCompact: number;
  unloadTimer: NodeJS.Timeout | null;
}

export interface LiveDocsOptions {
  store: DocStore;
  log: Logger;
  /** Compact into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Keep an empty document this long in case someone reconnects. */
  unloadAfterMs: number;
  /** Told after updates to a document are committed (for live overviews). */
  onCommitted?(name: string): void;
}

/**
 * Loads, persists and unloads Yjs documents. "Acknowledged" means appended to the store: every
 * update is committed before it is broadcast, and broadcasts leave in commit order.
 */
export function createLiveDocs(options: LiveDocsOptions) {
  const { store, log } = options;
  const docs = new Map<string, Promise<LiveDoc>>();

  async function load(name: string): Promise<LiveDoc> {
    const stored = await store.loadDoc(name);
    const doc = new Y.Doc({ gc: true });
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    // Only fully integrated updates are ever stored; anything pending here would be served to every peer.
    if (dropPending(doc)) log.warn({ doc: name }, 'stored document had updates with missing dependencies; ignored them');
    const live: LiveDoc = {
      name,
      doc,
      awareness: new Awareness(doc),
      peers: new Set(),
      pending: [],
      flushing: null,
      lastSeq: stored.lastSeq,
      updatesSinceCompact: stored.updates.length,
      unloadTimer: null,
    };
    // The server has no presence of its own.
    live.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      live.pending.push({ update, origin });
      scheduleFlush(live);
    });
    live.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      const changed = added.concat(updated, removed);
      if (changed.length === 0) return;
      // Encoded once for every peer; the sender gets it too, which keeps its liveness check fed.
      const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, changed));
      for (const peer of live.peers) peer.send(frame);
    });
    return live;
  }

  function scheduleFlush(live: LiveDoc): void {
    if (live.flushing) return;
    live.flushing = (async () => {
      // Yield once so that updates arriving in the same tick are committed together (group commit).
      await new Promise((resolve) => setImmediate(resolve));
      try {
        while (live.pending.length > 0) {
          const batch = live.pending.splice(0);
          live.lastSeq = await store.appendUpdates(live.name, batch.map((b) => b.update));
          live.updatesSinceCompact += batch.length;
          for (const { update, origin } of batch) {
            const frame = encodeUpdateMessage(update);
            for (const peer of live.peers) if (peer !== origin) peer.send(frame);
          }
        }
        options.onCommitted?.(live.name);
        if (live.updatesSinceCompact >= options.compactEvery) await compact(live);
      } catch (error) {
        // Not committed means not acknowledged: drop the peers so they resync and resend what they hold.
        log.error({ err: error, doc: live.name }, 'could not persist document update; closing its connections');
        for (const peer of [...live.peers]) peer.close(1011, 'storage error, reconnecting');
        docs.delete(live.name);
        live.doc.destroy();
      } finally {
        live.flushing = null;
      }
    })();
  }

  async function compact(live: LiveDoc): Promise<void> {
    const state = Y.encodeStateAsUpdate(live.doc);
    await store.compactDoc(live.name, state, live.lastSeq);
    live.updatesSinceCompact = 1;
  }

  async function unload(live: LiveDoc): Promise<void> {
    if (live.peers.size > 0) return;
    await live.flushing;
    if (live.peers.size > 0 || live.pending.length > 0) return;
    if (live.updatesSinceCompact > 1) await compact(live);
    if (live.peers.size > 0) return;
    docs.delete(live.name);
    live.awareness.destroy();
    live.doc.destroy();
  }

  function scheduleUnloadIfEmpty(live: LiveDoc): void {
    if (live.peers.size > 0 || live.unloadTimer) return;
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
    /** Drops a document without saving it (its room was removed): peers are closed, memory freed. */
    async discard(name: string, code: number, reason: string): Promise<void> {
      const loading = docs.get(name);
      if (!loading) return;
      const live = await loading;
      await live.flushing;
      docs.delete(name);
      if (live.unloadTimer) clearTimeout(live.unloadTimer);
      for (const peer of [...live.peers]) peer.close(code, reason);
      live.peers.clear();
      live.awareness.destroy();
      live.doc.destroy();
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
      for (const loading of docs.values()) {
        const live = await loading;
        while (live.flushing) await live.flushing;
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
        const live = await loading;
        if (live.unloadTimer) clearTimeout(live.unloadTimer);
        for (const peer of live.peers) peer.close(1001, 'server shutting down');
        live.doc.destroy();
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
