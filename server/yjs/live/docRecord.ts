import type { Logger } from 'pino';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { dropPending } from '../updateGuard';
import type { DocPeer, DocState, LiveDoc, StoredSnapshot } from './types';

// A loaded document with the registry's bookkeeping: its lifecycle (`state`), its uncommitted updates and
// its compaction counters. Only server/yjs/live/ sees this class; callers see the `LiveDoc` view.

/** Marks updates and presence that arrived from another server: already stored there, never sent back. */
export const fromCluster = Symbol('from-cluster');
/** Marks the stored state being integrated: already stored, nothing to persist or relay. */
export const fromStore = Symbol('from-store');
/** Pending updates from more than one origin. */
export const mixedOrigins = Symbol('mixed-origins');

/** Counters a document starts with, from what the store returned. */
export interface DocRecordInit {
  state: DocState;
  lastSeq: number;
  updatesSinceCompact: number;
  snapshotBytes: number;
  bytesSinceCompact: number;
  storedBytes: number;
}

export class DocRecord implements LiveDoc {
  readonly peers = new Set<DocPeer>();
  state: DocState;
  fullState: Uint8Array | null;
  /** Updates applied in memory but not yet committed, in order; broadcast only after commit. */
  pending: Uint8Array[] = [];
  /** Those of them that arrived here (not from another server): the ones to store and relay. */
  pendingLocal: Uint8Array[] = [];
  /** The origin of every pending update if they share one (a peer: they go back to it as its echo), else `mixedOrigins`. */
  pendingOrigin: unknown = null;
  /** The commit round holding this document's updates, while one is under way. */
  flushing: Promise<void> | null = null;
  /** Something was removed that must leave storage too: compact at unload whatever the change's size. */
  snapshotOwed = false;
  /** A snapshot being written (at compaction), so that a discard can wait for it. */
  compacting: Promise<void> | null = null;
  lastSeq: number;
  updatesSinceCompact: number;
  /** Bytes stored since the last snapshot, and that snapshot's size: compaction waits until the first passes the second. */
  bytesSinceCompact: number;
  snapshotBytes: number;
  /** Estimated encoded size (see LiveDocs.stateBytes): stored bytes plus every update applied since. */
  sizeEstimate: number;
  unloadTimer: NodeJS.Timeout | null = null;
  /** The document's 'update' listener: takes an applied update into the next commit (set by loadDoc). */
  recordUpdate: (update: Uint8Array, origin: unknown) => void = () => undefined;

  constructor(
    readonly name: string,
    /** The document without the integrating getter: destroying it must not integrate it first. */
    readonly rawDoc: Y.Doc,
    readonly awareness: Awareness,
    init: DocRecordInit,
    private readonly log: Logger,
    /** Told once when integrating the stored snapshot fails, so the registry drops the document. */
    private readonly onBroken: (live: DocRecord) => void,
  ) {
    this.state = init.state;
    this.fullState = init.state.kind === 'cold' ? init.state.stored.snapshot : null;
    this.lastSeq = init.lastSeq;
    this.updatesSinceCompact = init.updatesSinceCompact;
    this.snapshotBytes = init.snapshotBytes;
    this.bytesSinceCompact = init.bytesSinceCompact;
    this.sizeEstimate = init.storedBytes;
  }

  /** Integrates a cold document first, so no caller can see an empty document by mistake; throws if broken. */
  get doc(): Y.Doc {
    const state = this.state;
    if (state.kind === 'live') return this.rawDoc;
    if (state.kind === 'broken') throw state.error;
    if (state.stored) this.integrate(state.stored);
    return this.rawDoc;
  }

  /** Still registered and serving (cold or live), as opposed to broken or retired. */
  get open(): boolean {
    return this.state.kind === 'cold' || this.state.kind === 'live';
  }

  /** The state vector peers are asked against: the stored one while cold, so answering needs no integration. */
  get stateVectorSource(): Y.Doc | Uint8Array {
    const state = this.state;
    return (state.kind === 'cold' || state.kind === 'retired') && state.stored ? state.stored.stateVector : this.doc;
  }

  /**
   * Moves an open document to `retired`: it stores, broadcasts and unloads nothing from now on, and its
   * uncommitted updates are dropped. False if it was already broken or retired.
   */
  retire(): boolean {
    const state = this.state;
    if (state.kind !== 'cold' && state.kind !== 'live') return false;
    this.state = { kind: 'retired', stored: state.kind === 'cold' ? state.stored : null };
    this.pending = [];
    this.pendingLocal = [];
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    return true;
  }

  /** Resolves once no write for this document (commit round, snapshot) is under way. */
  async writesDone(): Promise<void> {
    while (this.flushing || this.compacting) await (this.flushing ?? this.compacting);
  }

  private integrate(stored: StoredSnapshot): void {
    const wasOpen = this.state.kind === 'cold';
    try {
      integrateStored(this.rawDoc, [stored.snapshot], this.log, this.name);
    } catch (error) {
      // A document that cannot be integrated is never served, edited or compacted (that would overwrite
      // what is stored with an empty board): every use throws, and it is dropped so the next open retries.
      this.state = { kind: 'broken', error };
      this.log.error({ err: error, doc: this.name }, 'stored document could not be integrated; dropping it');
      if (wasOpen) this.onBroken(this);
      throw error;
    }
    this.state = wasOpen ? { kind: 'live' } : { kind: 'retired', stored: null };
  }
}

/** Applies what the store returned (and updates other servers sent meanwhile) to an empty document. */
export function integrateStored(doc: Y.Doc, updates: Uint8Array[], log: Logger, name: string, early: readonly Uint8Array[] = []): void {
  // One merged apply is much cheaper than replaying every stored update one by one.
  if (updates.length > 0) Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), fromStore);
  for (const update of early) Y.applyUpdate(doc, update, fromCluster);
  // Only fully integrated updates are ever stored; anything pending here would be served to every peer.
  if (dropPending(doc)) log.warn({ doc: name }, 'stored document had updates with missing dependencies; ignored them');
}
