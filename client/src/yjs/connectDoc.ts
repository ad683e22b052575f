import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeReasonFor } from '../../../shared/closeCodes';
import { finalCloseFor, type FinalClose } from './docStatus';

export interface DocConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Why the server ended this connection for good; null while it syncs or retries. */
  readonly final: FinalClose | null;
  /** Called once when `final` is set. */
  onFinal(listener: () => void): () => void;
  /** Deletes this document's copy on this device; what is on screen stays until the connection is replaced. */
  clearLocalCopy(): Promise<void>;
  destroy(): void;
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
  return trackDoc(doc, provider, persistence);
}

/** Wires a document, its provider and its local copy together; separate from connectDoc so tests can pass fakes. */
export function trackDoc(doc: Y.Doc, provider: WebsocketProvider, persistence: LocalCopy | null): DocConnection {
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
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
}
