import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { soloBus, type ClusterBus } from '../../cluster/clusterBus';
import type { DocStore } from '../../store/store';
import { encodeSyncStep1 } from '../protocol';
import { createClusterRelay } from './clusterRelay';
import { changedSinceSnapshot, compact, dueForCompaction, worthSnapshotAtUnload, type CompactionPolicy } from './compaction';
import { createCompactionQueue } from './compactionQueue';
import { applyFromPeer } from './applyFromPeer';
import { DocRecord } from './docRecord';
import { createGroupCommit } from './groupCommit';
import { loadDoc } from './loadDoc';
import { fullStateOf, stateBytes } from './stateSize';
import type { DocPeer, LiveDoc, LiveDocs } from './types';

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

/** Close code and reason for peers of a document the server could not load or store (they retry). */
const serverError = [1011, 'server error, retrying'] as const;

/** The registry: one DocRecord per loaded name; see LiveDocs (types.ts) for the contract. */
export function createLiveDocs(options: LiveDocsOptions): LiveDocs {
  const { store, log } = options;
  const relay = createClusterRelay(options.bus ?? soloBus());
  const policy: CompactionPolicy = { compactEvery: options.compactEvery, compactMinBytes: options.compactMinBytes ?? 64 * 1024 };
  // Loading or loaded, by name; `loaded` says which record a name's entry resolved to, so that only that
  // record, never an older one of the same name, can remove it.
  const docs = new Map<string, Promise<DocRecord>>();
  const loaded = new Map<string, DocRecord>();

  // One snapshot at a time, each started only if the document is still open and due when its turn comes.
  const compactions = createCompactionQueue(async (live) => {
    if (live.open && dueForCompaction(live, policy)) await compact(live, store);
  }, log);

  const commits = createGroupCommit({
    store,
    log,
    relay,
    afterCommit(live) {
      options.onCommitted?.(live.name);
      // Queued, not awaited: commits go on while snapshots are compressed and written.
      if (dueForCompaction(live, policy)) compactions.add(live);
    },
    onStorageError(lives) {
      for (const live of lives) {
        if (!live.retire()) continue;
        detach(live, 1011, 'storage error, reconnecting');
        forget(live);
      }
    },
  });

  /** Takes a just retired (or broken) document out of service: closes its peers, unregisters it, stops relaying. */
  function detach(live: DocRecord, code: number, reason: string): void {
    for (const peer of [...live.peers]) peer.close(code, reason);
    live.peers.clear();
    commits.remove(live);
    if (loaded.get(live.name) === live) {
      loaded.delete(live.name);
      docs.delete(live.name);
      relay.unfollow(live.name);
    }
  }

  function forget(live: DocRecord): void {
    live.awareness.destroy();
    live.rawDoc.destroy();
  }

  function onBroken(live: DocRecord): void {
    detach(live, 1011, 'could not load the board, retrying');
    forget(live);
  }

  async function unload(live: DocRecord): Promise<void> {
    if (live.peers.size > 0 || !live.open) return;
    await live.writesDone();
    if (live.peers.size > 0 || live.pending.length > 0 || !live.open) return;
    if (worthSnapshotAtUnload(live)) await compact(live, store);
    if (live.peers.size > 0 || !live.retire()) return;
    detach(live, ...serverError);
    forget(live);
  }

  async function discardLocally(name: string, code: number, reason: string): Promise<void> {
    // Synchronous when it is loaded, so no commit round can take its pending updates in between.
    const live = loaded.get(name) ?? (await docs.get(name)?.catch(() => undefined));
    if (!live?.retire()) return;
    // Peers first, then the pending updates (dropped by retire), then wait for any write already under way.
    detach(live, code, reason);
    forget(live);
    await live.writesDone();
  }
  relay.onDiscard((name, code, reason) => void discardLocally(name, code, reason));

  function scheduleUnloadIfEmpty(live: DocRecord): void {
    if (live.peers.size > 0 || live.unloadTimer || !live.open) return;
    live.unloadTimer = setTimeout(() => {
      live.unloadTimer = null;
      unload(live).catch((err) => log.error({ err, doc: live.name }, 'unload failed'));
    }, options.unloadAfterMs);
    live.unloadTimer.unref();
  }

  /** Every applied update committed, and every snapshot queued or under way written. */
  async function settle(): Promise<void> {
    await commits.settle();
    await compactions.idle();
    for (const live of loaded.values()) await live.writesDone();
  }

  function open(name: string): Promise<DocRecord> {
    let loading = docs.get(name);
    if (!loading) {
      const started = loadDoc(name, { store, log, relay, commits, onBroken });
      loading = started;
      docs.set(name, started);
      started.then(
        (live) => loaded.set(name, live),
        () => {
          if (docs.get(name) === started) docs.delete(name);
        },
      );
    }
    return loading;
  }

  return {
    open,
    join(live, peer) {
      const record = recordOf(live);
      // Opened just before it was dropped: the peer reconnects and gets a fresh (or no) document.
      if (!record.open) return peer.close(...serverError);
      if (record.unloadTimer) clearTimeout(record.unloadTimer);
      record.unloadTimer = null;
      record.peers.add(peer);
    },
    release(live) {
      scheduleUnloadIfEmpty(recordOf(live));
    },
    leave(live, peer: DocPeer, awarenessClientId) {
      const record = recordOf(live);
      record.peers.delete(peer);
      if (awarenessClientId !== null) awarenessProtocol.removeAwarenessStates(record.awareness, [awarenessClientId], peer);
      scheduleUnloadIfEmpty(record);
    },
    syncStep1For(live) {
      return encodeSyncStep1(recordOf(live).stateVectorSource);
    },
    stateFor(live, stateVector) {
      const record = recordOf(live);
      if (Y.decodeStateVector(stateVector).size > 0) return Y.encodeStateAsUpdate(record.doc, stateVector);
      return fullStateOf(record);
    },
    stateBytes(live, atLeast) {
      return stateBytes(recordOf(live), atLeast);
    },
    async discard(name, code, reason) {
      relay.publishDiscard(name, code, reason);
      await discardLocally(name, code, reason);
    },
    applyFromPeer(live, update, peer) {
      return applyFromPeer(recordOf(live), update, peer);
    },
    whenCommitted(live) {
      return commits.whenCommitted(recordOf(live));
    },
    snapshotAtUnload(live) {
      recordOf(live).snapshotOwed = true;
    },
    settle,
    loadedCount: () => docs.size,
    async withDoc(name, fn) {
      const live = await open(name);
      const result = fn(live);
      scheduleUnloadIfEmpty(live);
      return result;
    },
    async ifLoaded(name) {
      return docs.get(name);
    },
    async closeAll() {
      // Snapshots already queued or being written finish first, and none starts after: the store closes after this.
      await settle();
      await compactions.stop();
      for (const loading of [...docs.values()]) {
        const live = await loading.catch(() => null);
        if (!live) continue;
        const changed = live.state.kind === 'live' && changedSinceSnapshot(live);
        if (!live.retire()) continue;
        detach(live, 1001, 'server shutting down');
        // A clean shutdown leaves one snapshot per document, so the next start loads it quickly.
        if (changed) await compact(live, store).catch((err) => log.warn({ err, doc: live.name }, 'compaction at shutdown failed'));
        forget(live);
      }
      docs.clear();
      loaded.clear();
    },
  };
}

function recordOf(live: LiveDoc): DocRecord {
  if (live instanceof DocRecord) return live;
  throw new TypeError('not a document of this registry');
}
