import type { Logger } from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { WebSocket, type RawData } from 'ws';
import { closeReasons } from '../../shared/closeCodes';
import type { DocRef } from '../../shared/docNames';
import { limits } from '../../shared/limits';
import { presenceStateProblem, presenceUser } from '../../shared/namesMode';
import type { TokenClaims } from '../../shared/types';
import type { ByteBudget } from './byteBudget';
import { createByteBudget } from './byteBudget';
import type { DocAccess } from './docAccess';
import type { FairScheduler, FairTask } from './fairScheduler';
import type { AppliedFromPeer, DocPeer, LiveDoc, LiveDocs } from './liveDocs';
import {
  assertDecodableStateVector,
  assertDecodableUpdate,
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncStep2,
  type DecodedUpdate,
  type IncomingMessage,
} from './protocol';
import { heartbeatFrame, isHeartbeat } from '../../shared/heartbeat';
import { refuse, Refusal } from './refusal';
import type { EchoHold, EchoHolder } from './echoHold';
import { SharedFrame, sendShared, sendSharedTogether } from './sharedFrame';
import { checkUpdate, type UpdateVerdict, type Writer } from './schema/checkUpdate';
import { emptyUpdate, quickBoardCheck } from './schema/quickBoardCheck';
import { trimLongTexts } from './updateGuard';
import { currentNamesMode } from '../events/namesModes';

// One Yjs connection: frames are queued, taken in fair turns (fairScheduler.ts) within byte budgets
// (byteBudget.ts), decoded to a message union and handled by one small function per message type.
// Handlers throw a Refusal where they find a problem; the connection is closed in one place (`end`).

/** Per-connection bounds on the Yjs endpoint (documented in SECURITY.md). */
export const connectionLimits = {
  /** A slow reader is dropped (it resyncs on reconnect) instead of growing server memory without bound. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** Messages accepted per window; typing and cursor moves (~20/s) stay far below this, load generators too. */
  rateWindowMs: 10_000,
  maxMessagesPerWindow: 5_000,
  /** Frames queued (while the document loads or waiting their turn) before the socket is paused. */
  maxInboxFrames: 32,
  maxInboxBytes: 1024 * 1024,
  /** Updates with missing dependencies in a row before the connection is closed to resync from scratch. */
  maxPendingStrikes: 3,
  maxAwarenessEntriesPerFrame: 64,
  /**
   * Bytes one connection may send: a whole offline backlog (≤ one 256 KiB update) passes at once, typing
   * never comes near the rate. Flood cell (3 flooders, event load): at 128 KiB/s the other rooms' p99 was
   * 4.4× unloaded, at 64 KiB/s 1.9×, because each 256 KiB frame holds the loop for several milliseconds.
   */
  connectionRate: { bytesPerSecond: 64 * 1024, burstBytes: 1024 * 1024 },
  /** Bytes one session may send over all its connections (tabs × documents). */
  sessionRate: { bytesPerSecond: 128 * 1024, burstBytes: 2 * 1024 * 1024 },
} as const;

export interface DocConnectionContext {
  liveDocs: LiveDocs;
  scheduler: FairScheduler;
  /** Where a writer's echo waits for its next frame (echoHold.ts). */
  echoHold: EchoHold;
  /** The session's budget, shared by all its connections. */
  sessionBudget: ByteBudget;
  docMaxBytes: number;
  ref: DocRef;
  docName: string;
  claims: TokenClaims;
  access: DocAccess;
  log: Logger;
  onPeer?(peer: DocPeer, claims: TokenClaims): () => void;
}

type ConnectionState = { kind: 'loading' } | { kind: 'open'; live: LiveDoc } | { kind: 'closed' };

interface Connection extends FairTask, EchoHolder {
  ws: WebSocket;
  ctx: DocConnectionContext;
  writer: Writer;
  peer: DocPeer;
  state: ConnectionState;
  inbox: Uint8Array[];
  inboxBytes: number;
  /** This writer's own committed updates, sent back with its next frame (echoHold.ts). */
  heldEchoes: SharedFrame[];
  /** A heartbeat came in: the next frame out answers it, or the heartbeat itself once the hold is over. */
  heartbeatOwed: boolean;
  budget: ByteBudget;
  /** Set while the head frame waits for its bytes (budget): the connection is out of the round. */
  budgetTimer: NodeJS.Timeout | null;
  windowStart: number;
  windowCount: number;
  pendingStrikes: number;
  /** The awareness client id this connection speaks for (its first own entry). */
  ownClientId: number | null;
  detachPeer: (() => void) | undefined;
}

export function serveDocConnection(ws: WebSocket, ctx: DocConnectionContext): void {
  const { claims } = ctx;
  const conn: Connection = {
    ws,
    ctx,
    writer: { role: claims.role, participantId: claims.participantId, name: claims.name },
    peer: {
      send(message) {
        if (!writable(conn)) return;
        if (conn.heldEchoes.length > 0 || conn.heartbeatOwed) writeWithHeldEchoes(conn, message);
        else write(ws, message);
      },
      echo(frame) {
        if (!writable(conn)) return;
        conn.heldEchoes.push(frame);
        if (conn.heldEchoes.length === 1) ctx.echoHold.hold(conn);
      },
      close(code, reason) {
        ws.close(code, reason);
      },
    },
    state: { kind: 'loading' },
    inbox: [],
    inboxBytes: 0,
    heldEchoes: [],
    heartbeatOwed: false,
    budget: createByteBudget(connectionLimits.connectionRate),
    budgetTimer: null,
    windowStart: Date.now(),
    windowCount: 0,
    pendingStrikes: 0,
    ownClientId: null,
    detachPeer: undefined,
    step: () => step(conn),
    writeHeldEchoes: () => {
      if (writable(conn)) writeWithHeldEchoes(conn, null);
    },
  };

  ws.on('message', (data: RawData, isBinary: boolean) => receive(conn, data, isBinary));
  // ws reports protocol violations (a frame over maxPayload: 1009, bad UTF-8 or opcodes: 1002/1007) as an
  // 'error' and closes the socket itself; without a listener that error would be thrown and end the process.
  ws.on('error', (error: Error & { code?: string }) => {
    ctx.log.warn({ doc: ctx.docName, participantId: claims.participantId, code: error.code, detail: error.message }, 'closing Yjs connection');
    settleClosed(conn);
  });
  ws.on('close', () => settleClosed(conn));
  void open(conn);
}

async function open(conn: Connection): Promise<void> {
  const { ctx } = conn;
  let live: LiveDoc;
  try {
    live = await ctx.liveDocs.open(ctx.docName);
  } catch (error) {
    ctx.log.error({ err: error, doc: ctx.docName }, 'could not load document');
    return end(conn, new Refusal('serverError', 'could not load the board'));
  }
  if (conn.state.kind === 'closed') return ctx.liveDocs.release(live);
  conn.state = { kind: 'open', live };
  ctx.liveDocs.join(live, conn.peer);
  conn.detachPeer = ctx.onPeer?.(conn.peer, ctx.claims);
  conn.peer.send(ctx.liveDocs.syncStep1For(live));
  sendAllAwareness(conn, live);
  if (conn.inbox.length > 0) ctx.scheduler.wake(conn);
}

function receive(conn: Connection, data: RawData, isBinary: boolean): void {
  if (conn.state.kind === 'closed') return;
  if (!isBinary) return end(conn, new Refusal('malformed', 'binary frames only'));
  const now = Date.now();
  if (now - conn.windowStart > connectionLimits.rateWindowMs) {
    conn.windowStart = now;
    conn.windowCount = 0;
  }
  if (++conn.windowCount > connectionLimits.maxMessagesPerWindow) return end(conn, new Refusal('tooFast', 'too many messages'));
  const frame = toUint8Array(data);
  // Answered ahead of the queue (it tests the connection, not the document's turn), by the next frame out:
  // the client waits for any frame (client/src/yjs/heartbeat.ts), so in a busy room it costs no write at all.
  if (isHeartbeat(frame)) return oweHeartbeat(conn);
  conn.inbox.push(frame);
  conn.inboxBytes += frame.byteLength;
  if (conn.state.kind !== 'open') return holdIfFull(conn);
  const { scheduler } = conn.ctx;
  if (conn.inbox.length === 1 && conn.budgetTimer === null && scheduler.mayRunInline()) {
    const start = performance.now();
    step(conn);
    scheduler.charge(performance.now() - start);
    return;
  }
  if (conn.budgetTimer === null) scheduler.wake(conn);
  holdIfFull(conn);
}

/** Open and keeping up; a peer that lets too much pile up is dropped (it resyncs on reconnect). */
function writable(conn: Connection): boolean {
  const { ws } = conn;
  if (ws.readyState !== WebSocket.OPEN) return false;
  if (ws.bufferedAmount <= connectionLimits.maxBufferedBytes) return true;
  end(conn, new Refusal('tooFast', 'connection too slow, reconnecting'));
  return false;
}

function write(ws: WebSocket, message: Uint8Array | SharedFrame): void {
  if (message instanceof SharedFrame) sendShared(ws, message);
  else ws.send(message);
}

function oweHeartbeat(conn: Connection): void {
  if (!writable(conn)) return;
  conn.heartbeatOwed = true;
  conn.ctx.echoHold.hold(conn);
}

const heartbeatAnswer = new SharedFrame(heartbeatFrame);

/** The held echoes, then `message` (if any), as one buffer: one write and one system call for all of them. */
function writeWithHeldEchoes(conn: Connection, message: Uint8Array | SharedFrame | null): void {
  conn.ctx.echoHold.release(conn);
  const echoes = conn.heldEchoes;
  // Any frame answers a heartbeat: the heartbeat goes back itself only when nothing else does.
  if (conn.heartbeatOwed && message === null && echoes.length === 0) message = heartbeatAnswer;
  conn.heartbeatOwed = false;
  if (echoes.length === 0) {
    if (message) write(conn.ws, message);
    return;
  }
  if (message) echoes.push(message instanceof SharedFrame ? message : new SharedFrame(message));
  sendSharedTogether(conn.ws, echoes);
  echoes.length = 0;
}

/** Stops reading from the socket while too much waits: TCP pushes back on the sender, not on the server. */
function holdIfFull(conn: Connection): void {
  if (conn.inbox.length >= connectionLimits.maxInboxFrames || conn.inboxBytes >= connectionLimits.maxInboxBytes) conn.ws.pause();
}

/** Handles the next queued frame if its bytes are within budget; returns whether another is ready. */
function step(conn: Connection): boolean {
  if (conn.state.kind !== 'open') return false;
  const frame = conn.inbox[0];
  if (!frame) return false;
  const wait = Math.max(conn.budget.delayFor(frame.byteLength), conn.ctx.sessionBudget.delayFor(frame.byteLength));
  if (wait > 0) {
    conn.ws.pause();
    conn.budgetTimer = setTimeout(() => {
      conn.budgetTimer = null;
      conn.ctx.scheduler.wake(conn);
    }, wait);
    return false;
  }
  conn.budget.take(frame.byteLength);
  conn.ctx.sessionBudget.take(frame.byteLength);
  conn.inbox.shift();
  conn.inboxBytes -= frame.byteLength;
  try {
    dispatch(conn, conn.state.live, decodeFrame(frame));
  } catch (error) {
    end(conn, error);
    return false;
  }
  if (conn.inbox.length === 0 && conn.ws.isPaused) conn.ws.resume();
  return conn.inbox.length > 0;
}

function decodeFrame(frame: Uint8Array): IncomingMessage {
  try {
    return decodeMessage(frame);
  } catch (error) {
    return refuse('malformed', `malformed message: ${String(error)}`);
  }
}

function dispatch(conn: Connection, live: LiveDoc, message: IncomingMessage): void {
  switch (message.type) {
    case 'sync-step1':
      return onSyncStep1(conn, live, message.stateVector);
    case 'sync-update':
      return onUpdate(conn, live, message.update);
    case 'awareness':
      return onAwareness(conn, live, message.update);
    case 'query-awareness':
      return sendAllAwareness(conn, live);
    default:
      return assertNever(message);
  }
}

function onSyncStep1(conn: Connection, live: LiveDoc, stateVector: Uint8Array): void {
  try {
    assertDecodableStateVector(stateVector);
  } catch (error) {
    refuse('malformed', `malformed state vector: ${String(error)}`);
  }
  const { liveDocs, log, docName } = conn.ctx;
  // Only committed state is served: what a peer receives is what survives a crash.
  liveDocs
    .whenCommitted(live)
    .then(() => conn.peer.send(encodeSyncStep2(liveDocs.stateFor(live, stateVector))))
    .catch((error) => log.error({ err: error, doc: docName }, 'could not answer sync step 1'));
}

function onUpdate(conn: Connection, live: LiveDoc, update: Uint8Array): void {
  const { ctx } = conn;
  // Read-only and locked peers still answer the sync handshake; their content is refused and never relayed.
  if (!ctx.access.canWrite()) return;
  if (update.byteLength > limits.yjsUpdateBytes) refuse('tooLarge', `update of ${update.byteLength} bytes`);
  // The common board edits take the quick path; anything else, and everything it does not accept, the full check.
  const quick = ctx.ref.kind === 'board' ? quickBoardCheck(update, live.doc, conn.writer) : null;
  // A fresh client's sync step 2 is empty: nothing to check, apply or store.
  if (quick === emptyUpdate) return;
  const verdict = quick ?? fullCheck(conn, live, update);
  if (verdict === null) return;
  if (verdict.addsContent && ctx.liveDocs.stateBytes(live, ctx.docMaxBytes - update.byteLength) + update.byteLength > ctx.docMaxBytes) {
    refuse('boardFull', `a document holds at most ${ctx.docMaxBytes} bytes`);
  }
  // Once committed, the update goes to every peer, this writer included: that echo is its acknowledgement.
  const applied = apply(ctx.liveDocs, live, update, conn.peer);
  const changedTexts = quick ? (quick.text ? [quick.text] : noTexts) : textsChangedBy(applied.transaction);
  // What could not be integrated is neither kept, stored nor relayed; the peer is asked for what the server
  // lacks, and closed if it keeps failing.
  if (applied.missing) {
    if (++conn.pendingStrikes > connectionLimits.maxPendingStrikes) refuse('resync', `updates with missing dependencies ${conn.pendingStrikes} times`);
    ctx.log.info({ doc: ctx.docName, participantId: conn.writer.participantId }, 'update with missing dependencies: asking the peer to resync');
    conn.peer.send(ctx.liveDocs.syncStep1For(live));
  } else {
    conn.pendingStrikes = 0;
  }
  if (trimLongTexts(live.doc, changedTexts, 'server:limits') > 0) {
    ctx.log.info({ doc: ctx.docName, participantId: conn.writer.participantId }, 'trimmed a card text to the card limit');
  }
}

/** Decodes the update and checks it against the document's schema; null for an empty update. */
function fullCheck(conn: Connection, live: LiveDoc, update: Uint8Array): UpdateVerdict | null {
  const { ctx } = conn;
  const decoded = decodeUpdate(update);
  if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return null;
  return checkUpdate(ctx.ref.kind, decoded, live.doc, { ...conn.writer, namesMode: currentNamesMode(ctx.ref.eventId) });
}

function decodeUpdate(update: Uint8Array): DecodedUpdate {
  try {
    return assertDecodableUpdate(update, limits.yjsUpdateBytes);
  } catch (error) {
    return refuse('malformed', `malformed update: ${String(error)}`);
  }
}

const noTexts: readonly Y.Text[] = [];

function apply(liveDocs: LiveDocs, live: LiveDoc, update: Uint8Array, peer: DocPeer): AppliedFromPeer {
  try {
    return liveDocs.applyFromPeer(live, update, peer);
  } catch (error) {
    return refuse('malformed', `update could not be applied: ${String(error)}`);
  }
}

/** The texts an update changed (many small inserts can add up past a card's limit). */
function textsChangedBy(transaction: Y.Transaction): readonly Y.Text[] {
  const texts: Y.Text[] = [];
  for (const type of transaction.changed.keys()) if (type instanceof Y.Text) texts.push(type);
  return texts;
}

// Only the connection's own entry is accepted, and its identity is stamped by the server, so nobody
// can appear as someone else (y-protocols itself checks neither). Echoes of other clients are ignored.
// Where the event's names are hidden or anonymous, a state is checked positively (shared/namesMode.ts:
// only `user` { id, role } and `typingIn`, never a name) and stamped without a name.
function onAwareness(conn: Connection, live: LiveDoc, update: Uint8Array): void {
  let entries;
  try {
    entries = decodeAwarenessUpdate(update, connectionLimits.maxAwarenessEntriesPerFrame);
  } catch (error) {
    refuse('malformed', `malformed awareness: ${String(error)}`);
  }
  const states = live.awareness.getStates();
  const own = entries.filter((entry) => {
    if (conn.ownClientId === null && entry.state !== null && !states.has(entry.clientId)) conn.ownClientId = entry.clientId;
    return entry.clientId === conn.ownClientId;
  });
  if (own.length === 0) return;
  const { claims } = conn.ctx;
  const namesMode = currentNamesMode(conn.ctx.ref.eventId);
  for (const entry of own) {
    if (entry.state === null) continue;
    const problem = presenceStateProblem(namesMode, entry.state);
    if (problem) refuse('refused', problem);
    entry.state = { ...entry.state, user: presenceUser(namesMode, claims) };
    if (JSON.stringify(entry.state).length > limits.awarenessStateBytes) refuse('tooLarge', 'presence state too large');
  }
  awarenessProtocol.applyAwarenessUpdate(live.awareness, encodeAwarenessEntries(own), conn.peer);
}

function sendAllAwareness(conn: Connection, live: LiveDoc): void {
  const clients = [...live.awareness.getStates().keys()];
  if (clients.length > 0) conn.peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(live.awareness, clients)));
}

/** The one place a connection is closed for cause: a Refusal's own code, anything else as a server error. */
function end(conn: Connection, error: unknown): void {
  if (conn.state.kind === 'closed') return;
  const name = error instanceof Refusal ? error.reason : 'serverError';
  const { code, reason } = closeReasons[name];
  const { ctx } = conn;
  if (error instanceof Refusal) ctx.log.warn({ doc: ctx.docName, participantId: conn.writer.participantId, code, reason, detail: error.message }, 'closing Yjs connection');
  else ctx.log.error({ err: error, doc: ctx.docName, participantId: conn.writer.participantId }, 'closing Yjs connection after an internal error');
  settleClosed(conn);
  if (conn.ws.readyState !== WebSocket.OPEN) return;
  // The closing handshake needs the peer's close frame, which a paused socket would never read.
  conn.ws.resume();
  conn.ws.close(code, reason);
}

/** Leaves the document and the round once, however the connection ended. */
function settleClosed(conn: Connection): void {
  const previous = conn.state;
  if (previous.kind === 'closed') return;
  conn.state = { kind: 'closed' };
  conn.inbox = [];
  conn.inboxBytes = 0;
  conn.heldEchoes.length = 0;
  conn.heartbeatOwed = false;
  conn.ctx.echoHold.release(conn);
  if (conn.budgetTimer) clearTimeout(conn.budgetTimer);
  conn.budgetTimer = null;
  conn.ctx.scheduler.forget(conn);
  conn.detachPeer?.();
  if (previous.kind === 'open') conn.ctx.liveDocs.leave(previous.live, conn.peer, conn.ownClientId);
}

function assertNever(message: never): never {
  throw new Error(`unhandled message ${JSON.stringify(message)}`);
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
