import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { DocStore } from '../../store/store';
import type { ClusterRelay } from './clusterRelay';
import { sharedUpdateFrame } from '../sharedFrame';
import type { DocRecord } from './docRecord';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A document's updates taken for one commit: all of them (to send) and those that arrived here (to store). */
interface Taken {
  live: DocRecord;
  updates: Uint8Array[];
  local: Uint8Array[];
  /** Where they all came from, if from one place (see DocRecord.pendingOrigin). */
  origin: unknown;
}

/**
 * Group commit: updates from all documents applied during one task (a socket's data callback, a round of
 * the fair scheduler, a message from another server) are committed together (one `store.appendBatch`),
 * and only then sent on, as one frame per document per commit.
 */
export interface GroupCommit {
  /** Marks a document whose `pending` just grew; it is committed with everything else of this turn. */
  add(live: DocRecord): void;
  /** Takes a document out of the next commit (a retired document, whose pending updates were dropped). */
  remove(live: DocRecord): void;
  /** Resolves once every update applied to this document so far is committed. */
  whenCommitted(live: DocRecord): Promise<void>;
  /** Resolves once every applied update is committed. */
  settle(): Promise<void>;
}

export interface GroupCommitDeps {
  store: DocStore;
  log: Logger;
  relay: ClusterRelay;
  /** After a document's updates are committed and sent (compaction starts here, and runs on its own). */
  afterCommit(live: DocRecord): void;
  /** The store refused a commit: these documents' updates are not acknowledged. */
  onStorageError(lives: readonly DocRecord[]): void;
}

/**
 * Right after the current task, before the event loop goes on. Not setImmediate: an immediate makes the loop
 * run one more iteration (a non-blocking poll, its phases, a callback into JavaScript) for every update at
 * light load, which measured ~25 % of the server's CPU at the event load (BENCHMARKS.md, issue 16).
 */
const afterThisTask = () => Promise.resolve();

export function createGroupCommit({ store, log, relay, afterCommit, onStorageError }: GroupCommitDeps): GroupCommit {
  const dirty = new Set<DocRecord>();
  let flushRound: Promise<void> | null = null;

  function scheduleFlush(): void {
    if (flushRound) return;
    // After this task, so that everything applied in it is committed together.
    flushRound = afterThisTask().then(flushRounds);
  }

  /** Commits until nothing is dirty; synchronous while the store commits synchronously (SQLite). */
  function flushRounds(): Promise<void> | undefined {
    let committing: Promise<void> | undefined;
    try {
      while (dirty.size > 0 && !committing) committing = flushDirty();
    } finally {
      // Cleared in the same microtask as the last check of `dirty`, so that no add() can be left uncommitted.
      if (!committing) flushRound = null;
    }
    return committing?.then(flushRounds, (error: unknown) => {
      flushRound = null;
      throw error;
    });
  }

  /** One commit of everything dirty; a promise only while an asynchronous store (PostgreSQL) commits. */
  function flushDirty(): Promise<void> | undefined {
    const batch: Taken[] = [];
    const toStore: { name: string; updates: Uint8Array[] }[] = [];
    // Nothing between taking the pending updates and handing them to the store awaits, so an update a
    // discard dropped can never be in flight here; retired documents are skipped all the same.
    for (const live of dirty) {
      const taken: Taken = { live, updates: live.pending, local: live.pendingLocal, origin: live.pendingOrigin };
      live.pending = [];
      live.pendingLocal = [];
      batch.push(taken);
      if (live.open && taken.local.length > 0) toStore.push({ name: live.name, updates: taken.local });
    }
    dirty.clear();
    let appended: ReturnType<DocStore['appendBatch']>;
    try {
      appended = store.appendBatch(toStore);
    } catch (error) {
      return storageFailed(batch, error);
    }
    // A synchronous store has committed already: sending now saves the promise hops of a round per update.
    if (!(appended instanceof Promise)) return committed(batch, appended);
    const round = appended.then(
      (seqs) => committed(batch, seqs),
      (error: unknown) => storageFailed(batch, error),
    );
    for (const { live } of batch) live.flushing = round;
    return round.then(() => {
      for (const { live } of batch) if (live.flushing === round) live.flushing = null;
    });
  }

  /** Not committed means not acknowledged: drop the peers so they resync and resend what they hold. */
  function storageFailed(batch: readonly Taken[], error: unknown): undefined {
    log.error({ err: error }, 'could not persist document updates; closing their connections');
    onStorageError(batch.map(({ live }) => live));
    return undefined;
  }

  function committed(batch: readonly Taken[], seqs: Map<string, number>): undefined {
    for (const taken of batch) {
      const { live, updates, local } = taken;
      // Discarded while the commit was under way: nothing of it is sent, counted or compacted.
      if (!live.open) continue;
      const seq = seqs.get(live.name);
      if (seq !== undefined) {
        live.lastSeq = seq;
        live.updatesSinceCompact += updates.length;
        for (const update of local) live.bytesSinceCompact += update.byteLength;
      }
      broadcast(live, taken);
      afterCommit(live);
    }
    return undefined;
  }

  /**
   * One frame per document per turn, to every peer: the writers' echo is their acknowledgement (their clients
   * clear "not sent yet" marks from it). A frame of one peer's own updates only is that peer's echo, which it
   * may hold until its next frame.
   */
  function broadcast(live: DocRecord, { updates, local, origin }: Taken): void {
    if (updates.length === 0) return;
    const frame = sharedUpdateFrame(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    for (const peer of live.peers) {
      if (peer === origin && peer.echo) peer.echo(frame);
      else peer.send(frame);
    }
    if (relay.clustered && local.length > 0) relay.publishUpdate(live.name, local.length === 1 ? local[0]! : Y.mergeUpdates(local));
  }

  return {
    add(live) {
      dirty.add(live);
      scheduleFlush();
    },
    remove(live) {
      dirty.delete(live);
    },
    async whenCommitted(live) {
      while (live.flushing || live.pending.length > 0) {
        if (live.flushing) await live.flushing;
        else await nextTurn();
      }
    },
    async settle() {
      while (flushRound || dirty.size > 0) {
        if (flushRound) await flushRound;
        else await nextTurn();
      }
    },
  };
}
