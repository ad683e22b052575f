import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeReasonFor } from '../../../shared/closeCodes';
import { finalCloseFor, type FinalClose } from './docStatus';
import { keepAlive } from './heartbeat';
import { trackUnsent, type UnsentTracker } from './unsentTracker';
import { registerUnsent } from './useUnsentCards';

export interface DocConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Why the server ended this connection for good; null while it syncs or retries. */
  readonly final: FinalClose | null;
  /** What this device holds that the server has not acknowledged; null where not tracked (tests' fakes). */
  unsent: UnsentTracker | null;
  /** Called once when `final` is set. */
  onFinal(listener: () => void): () => void;
  /** Deletes this document's copy on this device; what is on screen stays until the connection is replaced. */
  clearLocalCopy(): Promise<void>;
  destroy(): void;
}

/** Parts that run alongside the provider and stop with the connection. */
export interface ConnectionParts {
  unsent?: UnsentTracker;
  stop?: () => void;
}

/** The part of y-indexeddb the connection uses. */
export interface LocalCopy {
  clearData(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * Opens a shared document: IndexedDB keeps every local edit across reloads and dropped Wi-Fi,
 * and the WebSocket provider syncs with the server whenever it can (reconnecting with backoff).
 */
export function connectDoc(docName: string): DocConnection {
  const doc = new Y.Doc();
  const persistence = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(`roundtable:${docName}`, doc);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, docName, doc, {
    maxBackoffTime: 5000,
    // y-websocket's default gives up on every 44xx code, but some of ours (resync, tooFast) are worth retrying.
    shouldReconnect: (event) => closeReasonFor(event.code).action === 'retry',
  });
  const unsent = trackUnsent(doc, provider, docName);
  const unregister = registerUnsent(doc, unsent);
  const stopHeartbeat = keepAlive(provider);
  const stop = () => {
    unregister();
    stopHeartbeat();
  };
  return trackDoc(doc, provider, persistence, { unsent, stop });
}

/** Wires a document, its provider and its local copy together; separate from connectDoc so tests can pass fakes. */
export function trackDoc(doc: Y.Doc, provider: WebsocketProvider, persistence: LocalCopy | null, parts: ConnectionParts = {}): DocConnection {
  let destroyed = false;
  let final: FinalClose | null = null;
  const listeners = new Set<() => void>();
  const clearLocalCopy = async () => {
    await persistence?.clearData();
  };
  const onClose = (event: CloseEvent | null) => {
    // null: we closed it ourselves (disconnect, destroy, the provider's idle watchdog).
    if (!event || final) return;
    final = finalCloseFor(event.code);
    if (!final) return;
    // After the provider has finished handling this close (disconnect() would re-enter it): never reconnect.
    queueMicrotask(() => provider.disconnect());
    // The event is erased on the server; the copy on this device should go too.
    if (final.reason === 'eventDeleted') void clearLocalCopy();
    for (const listener of listeners) listener();
  };
  provider.on('connection-close', onClose);
  return {
    doc,
    provider,
    unsent: parts.unsent ?? null,
    get final() {
      return final;
    },
    onFinal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clearLocalCopy,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.off('connection-close', onClose);
      parts.stop?.();
      parts.unsent?.destroy();
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
}
