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
  encodeSyncStep2,
} from './protocol';
import { inspectParticipantUpdate } from './authorshipGuard';
import { dropPending, inspectBoardUpdate, trimLongTexts, UpdateRejected } from './updateGuard';

/** Close codes a client can act on. 4xxx are ours (RFC 6455 leaves 4000-4999 to applications). */
export const closeCodes = {
  malformed: 4400,
  forbidden: 4403,
  tooLarge: 4413,
  roomChanged: 4409,
  /** The event (and so this document) was deleted. */
  gone: 4410,
  /** The client kept sending updates the server cannot integrate (missing dependencies); reconnect and resync. */
  resync: 4412,
  tooSlow: 4429,
  /** Too many messages in the rate window. */
  flood: 4429,
  /** The board already holds limits.cardsPerBoard cards. */
  boardFull: 4422,
} as const;

/** Per-connection bounds on the Yjs endpoint (documented in SECURITY.md). */
export const connectionLimits = {
  /** A slow reader is dropped (it resyncs on reconnect) instead of growing server memory without bound. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Messages accepted per window; typing and cursor moves (~20/s) stay far below this, load generators too. */
  rateWindowMs: 10_000,
  maxMessagesPerWindow: 5_000,
  /** Frames and bytes held while the document loads. */
  maxFramesBeforeLoad: 32,
  maxBytesBeforeLoad: 1024 * 1024,
  /** Updates with missing dependencies in a row before the connection is closed to resync from scratch. */
  maxPendingStrikes: 3,
  maxAwarenessEntriesPerFrame: 64,
} as const;

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
  let bufferedBytes = 0;
  let windowStart = Date.now();
  let windowCount = 0;
  let pendingStrikes = 0;
  const isBoard = docName.startsWith('board.');
  let live: LiveDoc | null = null;
  let closed = false;
  let ownClientId: number | null = null;
  let detachPeer: (() => void) | undefined;

  const peer: DocPeer = {
    send(frame) {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > connectionLimits.maxBufferedBytes) {
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
    if (closed || ws.readyState !== WebSocket.OPEN) return;
    closed = true;
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
        // Only committed state is served: what a peer receives is what survives a crash.
        const { stateVector } = message;
        liveDocs
          .whenCommitted(doc)
          .then(() => peer.send(encodeSyncStep2(liveDocs.stateFor(doc, stateVector))))
          .catch((error) => log.error({ err: error, doc: docName }, 'could not answer sync step 1'));
        return;
      }
      case 'sync-update': {
        // Read-only peers still answer the sync handshake; their content is refused and never relayed.
        if (!access.canWrite()) return;
        let decoded;
        try {
          decoded = assertDecodableUpdate(message.update, limits.yjsUpdateBytes);
        } catch (error) {
          const tooLarge = message.update.byteLength > limits.yjsUpdateBytes;
          return reject(tooLarge ? closeCodes.tooLarge : closeCodes.malformed, tooLarge ? 'update too large' : 'malformed update', error);
        }
        // A fresh client's sync step 2 is empty: nothing to check, apply or store.
        if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return;
        if (isBoard) {
          try {
            inspectBoardUpdate(decoded, doc.doc);
            if (claims.role === 'participant') inspectParticipantUpdate(decoded, doc.doc, claims);
          } catch (error) {
            if (!(error instanceof UpdateRejected)) return reject(closeCodes.malformed, 'malformed update', error);
            const code = { boardFull: closeCodes.boardFull, tooLarge: closeCodes.tooLarge, forbidden: closeCodes.forbidden, malformed: closeCodes.malformed }[error.kind];
            return reject(code, error.message, error.kind);
          }
        }
        const changedTexts = new Set<Y.Text>();
        const collect = (transaction: Y.Transaction) => {
          for (const type of transaction.changed.keys()) if (type instanceof Y.Text) changedTexts.add(type);
        };
        if (isBoard) doc.doc.on('afterTransaction', collect);
        try {
          Y.applyUpdate(doc.doc, message.update, peer);
        } catch (error) {
          dropPending(doc.doc);
          return reject(closeCodes.malformed, 'update could not be applied', error);
        } finally {
          if (isBoard) doc.doc.off('afterTransaction', collect);
        }
        // What could not be integrated is neither kept, stored nor relayed (Yjs only emits integrated
        // structs); the peer is asked for what the server lacks, and closed if it keeps failing.
        if (dropPending(doc.doc)) {
          if (++pendingStrikes > connectionLimits.maxPendingStrikes) {
            return reject(closeCodes.resync, 'updates with missing dependencies, resyncing', pendingStrikes);
          }
          log.info({ doc: docName, participantId: claims.participantId }, 'update with missing dependencies: asking the peer to resync');
          peer.send(liveDocs.syncStep1For(doc));
        } else {
          pendingStrikes = 0;
        }
        if (changedTexts.size > 0 && trimLongTexts(doc.doc, changedTexts, 'server:limits') > 0) {
          log.info({ doc: docName, participantId: claims.participantId }, 'trimmed a card text to the card limit');
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
      entries = decodeAwarenessUpdate(update, connectionLimits.maxAwarenessEntriesPerFrame);
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
    if (closed) return;
    const now = Date.now();
    if (now - windowStart > connectionLimits.rateWindowMs) {
      windowStart = now;
      windowCount = 0;
    }
    if (++windowCount > connectionLimits.maxMessagesPerWindow) return reject(closeCodes.flood, 'too many messages', windowCount);
    const frame = toUint8Array(data);
    if (live) return handle(live, frame);
    bufferedBytes += frame.byteLength;
    if (buffered.length >= connectionLimits.maxFramesBeforeLoad || bufferedBytes > connectionLimits.maxBytesBeforeLoad) {
      return reject(closeCodes.tooLarge, 'too many messages before the board loaded', buffered.length);
    }
    buffered.push(frame);
  });

  // ws reports protocol violations (a frame over maxPayload: 1009, bad UTF-8 or opcodes: 1002/1007) as an
  // 'error' and closes the socket itself; without a listener that error would be thrown and end the process.
  ws.on('error', (error: Error & { code?: string }) => {
    closed = true;
    log.warn({ doc: docName, participantId: claims.participantId, code: error.code, detail: error.message }, 'closing Yjs connection');
  });

  ws.on('close', () => {
    closed = true;
    detachPeer?.();
    if (live) liveDocs.leave(live, peer, ownClientId);
  });

  liveDocs
    .open(docName)
    .then((doc) => {
      if (closed) return liveDocs.release(doc);
      live = doc;
      liveDocs.join(doc, peer);
      detachPeer = ctx.onPeer?.(peer, claims);
      peer.send(liveDocs.syncStep1For(doc));
      const clients = [...doc.awareness.getStates().keys()];
      if (clients.length > 0) peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(doc.awareness, clients)));
      for (const frame of buffered.splice(0)) if (!closed) handle(doc, frame);
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
