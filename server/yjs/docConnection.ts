import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { WebSocket, type RawData } from 'ws';
import { limits } from '../../shared/limits';
import type { TokenClaims } from '../../shared/types';
import type { DocAccess } from './docAccess';
import type { DocPeer, LiveDoc, LiveDocs } from './liveDocs';
import {
  assertDecodableStateVector,
  assertDecodableUpdate,
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
} from './protocol';

/** Close codes a client can act on. 4xxx are ours (RFC 6455 leaves 4000-4999 to applications). */
export const closeCodes = {
  malformed: 4400,
  forbidden: 4403,
  tooLarge: 4413,
  roomChanged: 4409,
  tooSlow: 4429,
} as const;

/** A slow reader is dropped (it resyncs on reconnect) instead of growing server memory without bound. */
const maxBufferedBytes = 4 * 1024 * 1024;

export interface DocConnectionContext {
  liveDocs: LiveDocs;
  docName: string;
  claims: TokenClaims;
  access: DocAccess;
  log: Logger;
  onPeer?(peer: DocPeer, claims: TokenClaims): () => void;
}

export function serveDocConnection(ws: WebSocket, ctx: DocConnectionContext): void {
  const { liveDocs, docName, claims, access, log } = ctx;
  const buffered: Uint8Array[] = [];
  let live: LiveDoc | null = null;
  let closed = false;
  let ownClientId: number | null = null;
  let detachPeer: (() => void) | undefined;

  const peer: DocPeer = {
    send(frame) {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > maxBufferedBytes) {
        ws.close(closeCodes.tooSlow, 'connection too slow, reconnecting');
        return;
      }
      ws.send(frame);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };

  const reject = (code: number, reason: string, detail: unknown) => {
    log.warn({ doc: docName, participantId: claims.participantId, code, reason, detail: String(detail) }, 'closing Yjs connection');
    ws.close(code, reason);
  };

  const handle = (doc: LiveDoc, frame: Uint8Array) => {
    let message;
    try {
      message = decodeMessage(frame);
    } catch (error) {
      return reject(closeCodes.malformed, 'malformed message', error);
    }
    switch (message.type) {
      case 'sync-step1': {
        try {
          assertDecodableStateVector(message.stateVector);
        } catch (error) {
          return reject(closeCodes.malformed, 'malformed state vector', error);
        }
        peer.send(encodeSyncStep2(doc.doc, message.stateVector));
        return;
      }
      case 'sync-update': {
        // Read-only peers still answer the sync handshake; their content is refused and never relayed.
        if (!access.canWrite()) return;
        try {
          assertDecodableUpdate(message.update, limits.yjsUpdateBytes);
        } catch (error) {
          const tooLarge = message.update.byteLength > limits.yjsUpdateBytes;
          return reject(tooLarge ? closeCodes.tooLarge : closeCodes.malformed, tooLarge ? 'update too large' : 'malformed update', error);
        }
        try {
          Y.applyUpdate(doc.doc, message.update, peer);
        } catch (error) {
          return reject(closeCodes.malformed, 'update could not be applied', error);
        }
        return;
      }
      case 'awareness':
        return handleAwareness(doc, message.update);
      case 'query-awareness': {
        const clients = [...doc.awareness.getStates().keys()];
        if (clients.length > 0) peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(doc.awareness, clients)));
        return;
      }
    }
  };

  // Only the connection's own entry is accepted, and its identity is stamped by the server, so nobody
  // can appear as someone else (y-protocols itself checks neither). Echoes of other clients are ignored.
  const handleAwareness = (doc: LiveDoc, update: Uint8Array) => {
    let entries;
    try {
      entries = decodeAwarenessUpdate(update, 64);
    } catch (error) {
      return reject(closeCodes.malformed, 'malformed awareness', error);
    }
    const own = entries.filter((entry) => {
      if (ownClientId === null && entry.state !== null && !doc.awareness.getStates().has(entry.clientId)) {
        ownClientId = entry.clientId;
      }
      return entry.clientId === ownClientId;
    });
    if (own.length === 0) return;
    for (const entry of own) {
      if (entry.state === null) continue;
      entry.state = { ...entry.state, user: { id: claims.participantId, name: claims.name, role: claims.role } };
      if (JSON.stringify(entry.state).length > limits.awarenessStateBytes) {
        return reject(closeCodes.tooLarge, 'presence state too large', 'awareness');
      }
    }
    awarenessProtocol.applyAwarenessUpdate(doc.awareness, encodeAwarenessEntries(own), peer);
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) return reject(closeCodes.malformed, 'binary frames only', 'text frame');
    const frame = toUint8Array(data);
    if (live) handle(live, frame);
    else if (buffered.length < 32) buffered.push(frame);
    else reject(closeCodes.tooLarge, 'too many messages before the board loaded', buffered.length);
  });

  ws.on('close', () => {
    closed = true;
    detachPeer?.();
    if (live) liveDocs.leave(live, peer, ownClientId);
  });

  liveDocs
    .open(docName)
    .then((doc) => {
      if (closed) return;
      live = doc;
      liveDocs.join(doc, peer);
      detachPeer = ctx.onPeer?.(peer, claims);
      peer.send(encodeSyncStep1(doc.doc));
      const clients = [...doc.awareness.getStates().keys()];
      if (clients.length > 0) peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(doc.awareness, clients)));
      for (const frame of buffered.splice(0)) handle(doc, frame);
    })
    .catch((error) => {
      log.error({ err: error, doc: docName }, 'could not load document');
      ws.close(1011, 'could not load the board, retrying');
    });
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
