import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface DocConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/**
 * Opens a shared document: IndexedDB keeps every local edit across reloads and dropped Wi-Fi,
 * and the WebSocket provider syncs with the server whenever it can (reconnecting with backoff).
 */
export function connectDoc(docName: string): DocConnection {
  const doc = new Y.Doc();
  const persistence = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(`roundtable:${docName}`, doc);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const provider = new WebsocketProvider(`${scheme}://${location.host}/yjs`, docName, doc, { maxBackoffTime: 5000 });
  let destroyed = false;
  return {
    doc,
    provider,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      void persistence?.destroy();
      doc.destroy();
    },
  };
}
