import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A ws client class that sends a visitor's cookies (and an Origin) on the upgrade, as a browser does. */
export function webSocketWithHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

export interface ProviderHandle {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A real y-websocket provider connected to the server as the visitor holding `cookie`. */
export function connectProvider(baseUrl: string, docName: string, cookie: string, doc = new Y.Doc()): ProviderHandle {
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/yjs', docName, doc, {
    WebSocketPolyfill: webSocketWithHeaders({ cookie }) as never,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function waitForSync(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Polls until the predicate holds; tests assert behaviour, so they wait for it rather than sleep. */
export async function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Tries to open a raw WebSocket and reports the HTTP status of a refused upgrade (or 101). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}

/**
 * Opens a raw WebSocket on the Yjs endpoint and reports how the server answered: 'served' once it sends
 * its first frame (the document is open), the close code if it closes first, or the HTTP status of a
 * refused upgrade.
 */
export function yjsOutcome(url: string, headers: Record<string, string>): Promise<{ served: true } | { closed: number } | { http: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('message', () => {
      resolve({ served: true });
      ws.close();
    });
    ws.on('close', (code) => resolve({ closed: code }));
    ws.on('unexpected-response', (_req, res) => {
      resolve({ http: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}
