import * as decoding from 'lib0/decoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  cardsOfRuns,
  clocksOfStructs,
  covers,
  deletedRunsOf,
  mergeClocks,
  noUnsentChanges,
  runsNotDeletedIn,
  unsentChanges,
  unsentOf,
  type Clocks,
  type DeletedRun,
  type UnsentChanges,
} from '../../../shared/unsentChanges';

// What this device has that the server has not acknowledged. The server sends every committed update on to
// all peers of the document, the writer included (server/yjs/live/groupCommit.ts): an update it sends proves
// it holds those items and deletions, so the writer's own echo is its acknowledgement. Read from the socket
// only (not from other tabs over BroadcastChannel:
// y-websocket calls the same handler then, with emitSynced false). Kept in localStorage, so the marks
// survive a reload while offline; recomputed from the server's vector on reconnect.

/** The part of localStorage the tracker uses (null: keep nothing, as in Node tests). */
export type KeptState = Pick<Storage, 'getItem' | 'setItem'> | null;

export interface UnsentTracker {
  subscribe(listener: () => void): () => void;
  current(): UnsentChanges;
  destroy(): void;
}

interface Stored {
  /** The server's clocks as last heard: [client, clock] pairs. */
  server: [number, number][];
  /** Runs deleted here (in cards) that the server has not sent back yet (deletions carry no clock). */
  deletions: DeletedRun[];
}

/** While live, an acknowledgement normally comes well within this: a mark shows only for what waits longer. */
const liveGraceMs = 1500;
/** Recomputing is cheap (it walks only the items the server lacks) but need not follow every keystroke. */
const recomputeDelayMs = 100;

export function trackUnsent(doc: Y.Doc, provider: WebsocketProvider, docName: string, storage: KeptState = safeLocalStorage()): UnsentTracker {
  const key = `roundtable:unsent:${docName}`;
  const kept = readKept(storage, key);
  let server: Clocks | null = kept ? new Map(kept.server) : null;
  // Made offline, they go with the next handshake's reply; made online, at once. Either way they are
  // acknowledged when an update from the server (its step 2, an echo) carries them.
  let deletions: DeletedRun[] = kept?.deletions ?? [];
  let handshakeAnswered = false;
  /** What this device held when the server's previous step 1 arrived: all sent by then. */
  let heldAtLastStep1: Clocks = new Map();
  let snapshot: UnsentChanges = noUnsentChanges;
  /** When each card (or other part) was first seen unacknowledged, for the grace while live. */
  const firstSeen = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let keepTimer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();

  const live = () => provider.wsconnected && provider.synced;
  const recompute = () => {
    timer = null;
    const pending = cardsOfRuns(deletions);
    // Nothing heard from the server ever (a first visit): nothing can be called sent or unsent yet.
    const all = server ? unsentChanges(doc, server, pending) : noUnsentChanges;
    const now = Date.now();
    const seen = (key: string) => {
      const since = firstSeen.get(key) ?? now;
      firstSeen.set(key, since);
      return since;
    };
    const keys = new Set([...all.cards, ...[...all.others].map((part) => `part:${part}`)]);
    for (const key of firstSeen.keys()) if (!keys.has(key)) firstSeen.delete(key);
    // Offline everything shows at once; live, only what has waited past the grace (then it is news).
    let nextCheck = Infinity;
    const shown = (key: string) => {
      const since = seen(key);
      if (!live() || now - since >= liveGraceMs) return true;
      nextCheck = Math.min(nextCheck, since + liveGraceMs - now);
      return false;
    };
    const cards = new Set([...all.cards].filter((card) => shown(card)));
    const others = new Set([...all.others].filter((part) => shown(`part:${part}`)));
    if (nextCheck !== Infinity) timer = setTimeout(recompute, nextCheck);
    const next = unsentOf(cards, others);
    if (sameChanges(next, snapshot)) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(recompute, recomputeDelayMs);
  };
  const write = () => {
    if (!storage || !server) return;
    const state: Stored = { server: [...server], deletions };
    try {
      storage.setItem(key, JSON.stringify(state));
    } catch {
      // A full or blocked storage only costs the marks after a reload, never the content.
    }
  };
  /** Written at most twice a second (an echo comes back for every keystroke). */
  const keep = () => {
    if (!storage || keepTimer) return;
    keepTimer = setTimeout(() => {
      keepTimer = null;
      write();
    }, 500);
  };

  const defaultSync = provider.messageHandlers[messageSync]!;
  provider.messageHandlers[messageSync] = (encoder, decoder, _provider, fromSocket, messageType) => {
    if (!fromSocket) return defaultSync(encoder, decoder, provider, fromSocket, messageType);
    const peek = decoding.clone(decoder);
    const step = decoding.readVarUint(peek);
    const payload = decoding.readVarUint8Array(peek);
    if (step === syncProtocol.messageYjsSyncStep1) {
      const heard = Y.decodeStateVector(payload);
      const again = handshakeAnswered;
      server = heard;
      keep();
      schedule();
      // The first step 1 of a connection is answered as y-websocket would: with all the server lacks. A later
      // one (the server asks to resync) only if the server still lacks what was sent a whole round ago: what
      // it lacks otherwise is on its way, and the answer would carry the full delete set each time.
      const answer = !again || !covers(heard, heldAtLastStep1);
      heldAtLastStep1 = Y.decodeStateVector(Y.encodeStateVector(doc));
      if (!answer) return;
      defaultSync(encoder, decoder, provider, fromSocket, messageType);
      handshakeAnswered = true;
      return;
    }
    defaultSync(encoder, decoder, provider, fromSocket, messageType);
    // The server relays only what it has committed: an update from it proves it holds those items and deletions.
    const { structs, ds } = Y.decodeUpdate(payload);
    if (server) mergeClocks(server, clocksOfStructs(structs));
    else server = clocksOfStructs(structs);
    if (deletions.length > 0) deletions = runsNotDeletedIn(deletions, ds);
    keep();
    schedule();
  };

  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') handshakeAnswered = false;
    schedule();
  };
  const flush = () => {
    if (keepTimer) clearTimeout(keepTimer);
    keepTimer = null;
    write();
  };
  const onAfterTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === provider) return;
    if (transaction.local && transaction.deleteSet.clients.size > 0) {
      deletions.push(...deletedRunsOf(transaction));
      keep();
    }
    schedule();
  };
  provider.on('status', onStatus);
  provider.on('sync', schedule);
  doc.on('afterTransaction', onAfterTransaction);
  if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);
  schedule();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current: () => snapshot,
    destroy() {
      provider.messageHandlers[messageSync] = defaultSync;
      provider.off('status', onStatus);
      provider.off('sync', schedule);
      doc.off('afterTransaction', onAfterTransaction);
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', flush);
      if (timer) clearTimeout(timer);
      flush();
      listeners.clear();
    },
  };
}

function sameChanges(a: UnsentChanges, b: UnsentChanges): boolean {
  return sameSet(a.cards, b.cards) && sameSet(a.others, b.others);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

function readKept(storage: KeptState, key: string): Stored | null {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? 'null');
    if (!parsed || typeof parsed !== 'object') return null;
    const { server, deletions } = parsed as Partial<Stored>;
    if (!Array.isArray(server) || !Array.isArray(deletions)) return null;
    const pairs = server.filter((pair): pair is [number, number] => Array.isArray(pair) && pair.length === 2 && pair.every(Number.isSafeInteger));
    return { server: pairs, deletions: deletions.filter(isDeletedRun) };
  } catch {
    return null;
  }
}

function safeLocalStorage(): KeptState {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function isDeletedRun(value: unknown): value is DeletedRun {
  return Array.isArray(value) && value.length === 4 && typeof value[0] === 'string' && value.slice(1).every(Number.isSafeInteger);
}
