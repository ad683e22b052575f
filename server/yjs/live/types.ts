import type { SharedFrame } from '../sharedFrame';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

/**
 * Loads, persists and unloads Yjs documents. "Acknowledged" means committed to the store: every update
 * is committed before it is broadcast, in one commit per event-loop turn for all documents together
 * (group commit), and each document's updates of that turn leave as one frame.
 */
export interface LiveDocs {
  /** The document of that name, loading it if needed (one load for concurrent callers). */
  open(name: string): Promise<LiveDoc>;
  join(live: LiveDoc, peer: DocPeer): void;
  /** For a caller that opened a document but will not join it (its connection closed meanwhile). */
  release(live: LiveDoc): void;
  leave(live: LiveDoc, peer: DocPeer, awarenessClientId: number | null): void;
  /** The server's SyncStep1 for a peer, without integrating a document that is still its stored snapshot. */
  syncStep1For(live: LiveDoc): Uint8Array;
  /** What a peer with this state vector lacks; a joiner with nothing gets the cached full state (one encode per burst). */
  stateFor(live: LiveDoc, stateVector: Uint8Array): Uint8Array;
  /**
   * Size of the document's encoded state, for a per-document budget. Cheap: an estimate (the stored bytes
   * plus every update applied since, committed or not), which runs high because merging drops what was
   * overwritten or deleted. Once the estimate reaches `atLeast`, the exact size is computed (one
   * `Y.encodeStateAsUpdate`, cached as the joiners' full state until the next change) and returned, and
   * the estimate restarts from it. So `stateBytes(live, budget) >= budget` is exact; without `atLeast`
   * only the estimate (or a cached exact figure) is returned.
   */
  stateBytes(live: LiveDoc, atLeast?: number): number;
  /**
   * Drops a document without saving it (its room or event was removed), on every server. Locally: its
   * peers are closed first, its uncommitted updates are dropped, it refuses every later update, and the
   * promise resolves once any write for it already under way has finished: after that, this server
   * stores nothing more for that document (unless it is opened again).
   */
  discard(name: string, code: number, reason: string): Promise<void>;
  /**
   * Applies a peer's update that the checks accepted; what it changed is committed and sent like any update
   * (applyFromPeer.ts). Throws what Yjs throws, after committing whatever did integrate.
   */
  applyFromPeer(live: LiveDoc, update: Uint8Array, peer: DocPeer): AppliedFromPeer;
  /** Resolves once every update applied to this document so far is committed (and so may be served). */
  whenCommitted(live: LiveDoc): Promise<void>;
  /**
   * Content was taken out of the document that must not stay in storage either (a hidden card's text): the
   * document is compacted when it unloads, however small the change (SECURITY.md, hidden cards).
   */
  snapshotAtUnload(live: LiveDoc): void;
  /** Waits until every applied update is committed and every snapshot under way is written (shutdown, tests). */
  settle(): Promise<void>;
  loadedCount(): number;
  /** Runs fn on a document (loading it if needed), e.g. for moderation by the server itself. */
  withDoc<T>(name: string, fn: (live: LiveDoc) => T): Promise<T>;
  /** The loaded document of that name, if any, without loading it. */
  ifLoaded(name: string): Promise<LiveDoc | undefined>;
  /** Commits everything, compacts changed documents into one snapshot each, closes every peer (1001). */
  closeAll(): Promise<void>;
}

/** What applying a peer's update did. */
export interface AppliedFromPeer {
  /** Part of it had missing dependencies and was dropped: the peer should resync. */
  missing: boolean;
  /** Its transaction (which types it changed). */
  transaction: Y.Transaction;
}

/** A peer of a live document: anything that can receive encoded frames. */
export interface DocPeer {
  /** One y-websocket message; a SharedFrame when the same message goes to many peers. */
  send(message: Uint8Array | SharedFrame): void;
  /**
   * A frame holding only this peer's own committed updates: its acknowledgement, which nobody waits on. A
   * peer may hold it until its next frame and write both at once (one system call); without this, `send`.
   */
  echo?(message: SharedFrame): void;
  close(code: number, reason: string): void;
}

/** A loaded document as callers see it; `LiveDocs` methods accept only its own. */
export interface LiveDoc {
  readonly name: string;
  /** The Yjs document, integrated from its stored snapshot on first read; throws if the document is broken. */
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly peers: Set<DocPeer>;
  readonly state: DocState;
  /** The whole document encoded once for any number of joiners; dropped on every change. */
  readonly fullState: Uint8Array | null;
}

/** A snapshot stored with its state vector: a cold document is served from these bytes. */
export interface StoredSnapshot {
  readonly snapshot: Uint8Array;
  readonly stateVector: Uint8Array;
}

/**
 * Where a document is in its life:
 * - cold: still only its stored snapshot, served as such; integrated into `doc` on first read (→ live or broken);
 * - live: integrated, editable;
 * - broken: the stored state could not be integrated; every read of `doc` throws, it was dropped (peers reconnect);
 * - retired: dropped from the registry (unloaded, discarded, storage error, shutdown). It stores, broadcasts
 *   and unloads nothing, so a late leave cannot unload a newer document of the same name. `stored` is set
 *   when it was retired cold: a late read still integrates it rather than see an empty document.
 */
export type DocState =
  | { readonly kind: 'cold'; readonly stored: StoredSnapshot }
  | { readonly kind: 'live' }
  | { readonly kind: 'broken'; readonly error: unknown }
  | { readonly kind: 'retired'; readonly stored: StoredSnapshot | null };
