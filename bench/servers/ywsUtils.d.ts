// @y/websocket-server 0.1.1 ships no declarations for its ESM entry; only what the bench uses.
declare module '@y/websocket-server/utils' {
  import type { IncomingMessage } from 'node:http';
  import type { WebSocket } from 'ws';
  export const docs: Map<string, unknown>;
  export function setupWSConnection(conn: WebSocket, req: IncomingMessage, opts?: { docName?: string; gc?: boolean }): void;
}
