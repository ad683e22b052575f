import * as Y from 'yjs';
import type { DocStore } from '../../store/store';
import type { DocRecord } from './docRecord';

/** When to replace a document's stored rows with one snapshot. */
export interface CompactionPolicy {
  /** Compact after this many appended updates… */
  compactEvery: number;
  /** …or once the bytes appended since the last snapshot pass both its size and this many bytes. */
  compactMinBytes: number;
}

// Writing a snapshot costs its whole size, so it waits until at least as many update bytes have been
// stored since the last one: compaction then at most doubles the bytes written, and rows stay ≤ 2× a snapshot.
export function dueForCompaction(live: DocRecord, policy: CompactionPolicy): boolean {
  if (live.compacting) return false;
  if (live.updatesSinceCompact >= policy.compactEvery) return true;
  return outweighsSnapshot(live, policy.compactMinBytes);
}

/** The update bytes stored since the last snapshot reach its size, and at least `minBytes`. */
const outweighsSnapshot = (live: DocRecord, minBytes: number): boolean => live.bytesSinceCompact >= Math.max(live.snapshotBytes, minBytes);

/** A document that changed since it was loaded or last compacted (a single stored row is already compact). */
export const changedSinceSnapshot = (live: DocRecord): boolean => live.updatesSinceCompact > 1;

/** Below this many bytes of updates since the last snapshot, a document is left as it is stored when it unloads. */
export const unloadSnapshotMinBytes = 16 * 1024;

// At unload a snapshot pays for itself only when the rows it replaces are large: it costs its whole size (and
// SQLite's pages) now, while leaving the rows costs one merge when, if ever, the document is loaded again, and a
// few kilobytes of updates merge in about a millisecond. Writing the whole board again after every short visit
// was most of the bytes a settled event wrote (BENCHMARKS.md, T11). Shutdown still compacts every change.
export function worthSnapshotAtUnload(live: DocRecord): boolean {
  if (!changedSinceSnapshot(live)) return false;
  return live.snapshotOwed || outweighsSnapshot(live, unloadSnapshotMinBytes);
}

/**
 * Replaces everything stored up to the last committed update with one snapshot of the document (read
 * through `live.doc`, so a broken document throws instead of overwriting what is stored).
 */
export function compact(live: DocRecord, store: DocStore): Promise<void> {
  const doc = live.doc;
  const state = Y.encodeStateAsUpdate(doc);
  // What is removed from here on is not in this snapshot, so it owes the next one.
  const owed = live.snapshotOwed;
  live.snapshotOwed = false;
  // The exact size, for free: later updates add to it again (see LiveDocs.stateBytes).
  live.sizeEstimate = state.byteLength;
  const covered = { updates: live.updatesSinceCompact, bytes: live.bytesSinceCompact };
  const writing = store.compactDoc(live.name, state, live.lastSeq, Y.encodeStateVector(doc)).then(() => {
    // Updates committed while the snapshot was being written are not in it: they still count.
    live.updatesSinceCompact = 1 + live.updatesSinceCompact - covered.updates;
    live.bytesSinceCompact -= covered.bytes;
    live.snapshotBytes = state.byteLength;
  });
  live.compacting = writing;
  writing.catch(() => {
    if (owed) live.snapshotOwed = true;
  });
  const done = () => {
    if (live.compacting === writing) live.compacting = null;
  };
  writing.then(done, done);
  return writing;
}
