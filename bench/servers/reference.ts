import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { answerBenchQueries } from './benchChannel';

// The reference: @y/websocket-server 0.1.1 on ws@8, no persistence (docs stay in memory).
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
// Without persistence 0.1.1 never drops a document (utils.js closeConn unloads only when persistence is set).
answerBenchQueries(() => ({ loadedDocs: docs.size, docUnloadMs: null }));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
