import * as decoding from 'lib0/decoding';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { cardIdsOfDeletions, clocksOfUpdate, covers, mergeClocks, noUnsentChanges, unsentChanges, unsentOf, type Clocks, type UnsentChanges } from '../../../shared/unsentChanges';

// What this device has that the server has not acknowledged. The server sends a writer its state vector
// (a sync step 1) after applying its updates (server/yjs/docConnection.ts: scheduleAck); everything it
// relays proves it holds that too. Read from the socket only (not from other tabs over BroadcastChannel:
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
  /** Cards whose text was deleted here and not acknowledged yet (deletions carry no clock). */
  deletions: string[];
}

/** While live, an acknowledgement normally comes well within this: a mark shows only for what waits longer. */
const liveGraceMs = 1500;
/** Recomputing is cheap (it walks only the items the server lacks) but need not follow every keystroke. */
const recomputeDelayMs = 100;

export function trackUnsent(doc: Y.Doc, provider: WebsocketProvider, docName: string, storage: KeptState = safeLocalStorage()): UnsentTracker {
  const key = `roundtable:unsent:${docName}`;
  const kept = readKept(storage, key);
  let server: Clocks | null = kept ? new Map(kept.server) : null;
  // Deletions made while the socket was down go with the next handshake's reply; those made while up went at once.
  const deletionsAwaitingConnection = new Set<string>(kept?.deletions ?? []);
  const deletionsAwaitingAck = new Set<string>();
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
    const pending = [...deletionsAwaitingConnection, ...deletionsAwaitingAck];
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
    const state: Stored = { server: [...server], deletions: [...deletionsAwaitingConnection, ...deletionsAwaitingAck] };
    try {
      storage.setItem(key, JSON.stringify(state));
    } catch {
      // A full or blocked storage only costs the marks after a reload, never the content.
    }
  };
  /** Written at most twice a second (acknowledgements come up to five times a second while typing). */
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
      const isAck = handshakeAnswered;
      server = heard;
      if (isAck) deletionsAwaitingAck.clear();
      keep();
      schedule();
      // The first step 1 of a connection is answered as y-websocket would: with all the server lacks. Later
      // ones are acknowledgements, answered only if the server still lacks what was sent a whole round ago
      // (it asked to resync): what it lacks otherwise is on its way, and the answer would carry the full
      // delete set each time.
      const answer = !isAck || !covers(heard, heldAtLastStep1);
      heldAtLastStep1 = Y.decodeStateVector(Y.encodeStateVector(doc));
      if (!answer) return;
      defaultSync(encoder, decoder, provider, fromSocket, messageType);
      if (!isAck) {
        handshakeAnswered = true;
        for (const card of deletionsAwaitingConnection) deletionsAwaitingAck.add(card);
        deletionsAwaitingConnection.clear();
      }
      return;
    }
    defaultSync(encoder, decoder, provider, fromSocket, messageType);
    // The server relays only what it has integrated: an update from it proves it holds those items.
    if (server) mergeClocks(server, clocksOfUpdate(payload));
    else server = clocksOfUpdate(payload);
    keep();
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
      const target = handshakeAnswered && provider.wsconnected ? deletionsAwaitingAck : deletionsAwaitingConnection;
      for (const card of cardIdsOfDeletions(transaction)) target.add(card);
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
    return { server: pairs, deletions: deletions.filter((card): card is string => typeof card === 'string') };
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
