import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerBenchQueries } from './benchChannel';

// The floor: rooms by URL path, every frame forwarded to everyone in the room but its sender.
const rooms = new Map<string, Set<WebSocket>>();
const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws, req) => {
  const key = req.url ?? '/';
  const room = rooms.get(key) ?? new Set<WebSocket>();
  rooms.set(key, room);
  room.add(ws);
  ws.on('message', (data, isBinary) => {
    for (const peer of room) if (peer !== ws && peer.readyState === 1) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => {
    room.delete(ws);
    if (room.size === 0) rooms.delete(key);
  });
});
answerBenchQueries(() => ({ loadedDocs: null, docUnloadMs: null }));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, pid: process.pid })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
