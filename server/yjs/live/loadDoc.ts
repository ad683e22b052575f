import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from '../../store/store';
import { encodeAwarenessMessage } from '../protocol';
import { SharedFrame } from '../sharedFrame';
import type { ClusterRelay } from './clusterRelay';
import { DocRecord, fromCluster, fromStore, integrateStored, mixedOrigins } from './docRecord';
import type { GroupCommit } from './groupCommit';
import type { DocState } from './types';

export interface LoadDeps {
  store: DocStore;
  log: Logger;
  relay: ClusterRelay;
  commits: GroupCommit;
  /** A cold document's snapshot could not be integrated on first read: drop it (its peers reconnect). */
  onBroken(live: DocRecord): void;
}

/**
 * Loads a document from the store. One stored as exactly one snapshot with its state vector starts
 * `cold`: joiners with an empty state vector are served those very bytes, and it is integrated (about
 * 150 ms for 2,000 cards) only when something reads `doc`, so the first joiner after a restart does not
 * wait for it. Anything else is integrated here (`live`); if that fails, the load fails.
 */
export async function loadDoc(name: string, deps: LoadDeps): Promise<DocRecord> {
  const { store, log, relay, commits } = deps;
  const doc = new Y.Doc({ gc: true });
  const awareness = new Awareness(doc);
  // The server has no presence of its own.
  awareness.setLocalState(null);
  const early: Uint8Array[] = [];
  let live: DocRecord | null = null;
  const cleanUp = () => {
    relay.unfollow(name);
    awareness.destroy();
    doc.destroy();
  };
  await relay.follow(name, {
    update: (update) => (live ? applyFromCluster(live, update, log) : early.push(update)),
    awareness: (update) => awarenessProtocol.applyAwarenessUpdate(awareness, update, fromCluster),
  });
  let stored;
  try {
    stored = await store.loadDoc(name);
  } catch (error) {
    cleanUp();
    throw error;
  }
  let state: DocState;
  if (stored.stateVector !== undefined && early.length === 0) {
    state = { kind: 'cold', stored: { snapshot: stored.updates[0]!, stateVector: stored.stateVector } };
  } else {
    try {
      integrateStored(doc, stored.updates, log, name, early);
    } catch (error) {
      // Never served, edited or compacted: the load fails, and the next open retries.
      log.error({ err: error, doc: name }, 'stored document could not be integrated; dropping it');
      cleanUp();
      throw error;
    }
    state = { kind: 'live' };
  }
  let storedBytes = 0;
  for (const update of stored.updates) storedBytes += update.byteLength;
  const snapshotBytes = stored.updates[0]?.byteLength ?? 0;
  const self = new DocRecord(
    name,
    doc,
    awareness,
    {
      state,
      lastSeq: stored.lastSeq,
      updatesSinceCompact: stored.updates.length,
      snapshotBytes,
      bytesSinceCompact: storedBytes - snapshotBytes,
      storedBytes,
    },
    log,
    deps.onBroken,
  );
  live = self;
  // The hot path: once per applied update, no allocation.
  self.recordUpdate = (update: Uint8Array, origin: unknown) => {
    // A retired document refuses updates: whatever is applied to it is never stored or sent.
    if (origin === fromStore || self.state.kind === 'retired') return;
    self.fullState = null;
    self.sizeEstimate += update.byteLength;
    self.pendingOrigin = self.pending.length === 0 || self.pendingOrigin === origin ? origin : mixedOrigins;
    self.pending.push(update);
    if (origin !== fromCluster) self.pendingLocal.push(update);
    commits.add(self);
  };
  doc.on('update', self.recordUpdate);
  awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
    // Encoded once for every peer; the sender gets it too, which keeps its liveness check fed.
    const frame = new SharedFrame(encodeAwarenessMessage(update));
    for (const peer of self.peers) peer.send(frame);
    if (origin !== fromCluster) relay.publishAwareness(name, update);
  });
  return self;
}

function applyFromCluster(live: DocRecord, update: Uint8Array, log: Logger): void {
  try {
    Y.applyUpdate(live.doc, update, fromCluster);
  } catch (err) {
    log.warn({ err, doc: live.name }, 'ignored an undecodable update from another server');
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
