import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeReasons, type CloseReasonName } from '../../shared/closeCodes';
import { docNameOf, parseCanonicalDocName } from '../../shared/docNames';
import { soloBus, type ClusterBus } from '../cluster/clusterBus';
import { limits } from '../../shared/limits';
import { originAllowed } from '../auth/origin';
import { sessionFor } from '../auth/sessions';
import type { TokenSigner } from '../auth/tokens';
import { resolveDocAccess, type AccessDecision, type DocAccessDeps } from './docAccess';
import { createByteBudget, type ByteBudget } from './byteBudget';
import { connectionLimits, serveDocConnection } from './docConnection';
import { createEchoHold } from './echoHold';
import { createFairScheduler } from './fairScheduler';
import type { DocPeer, LiveDocs } from './liveDocs';

export const yjsPathPrefix = '/yjs/';

/** Open Yjs connections one session may hold (tabs × documents); more are closed with tooFast. */
export const maxConnectionsPerSession = 24;

/** Longest stretch of update work before the event loop is given back to I/O (health checks, other rooms). */
const fairSliceMs = 8;
/**
 * Longest a writer's echo or a heartbeat's answer waits for the connection's next frame (echoHold.ts). The
 * client shows an edit as not sent only after 1.5 s without its echo (client/src/yjs/unsentTracker.ts), and
 * gives a connection up only after 2 s without any frame after a heartbeat (shared/heartbeat.ts).
 */
const echoHoldMs = 250;

const peersChannel = 'rt:peers';
type PeersMessage =
  | { type: 'disconnect'; participantId: string; code: number; reason: string }
  | { type: 'disconnectPrefix'; prefix: string; except: string | null; code: number; reason: string }
  | { type: 'resync'; docName: string };

export interface YjsEndpointDeps extends DocAccessDeps {
  bus?: ClusterBus;
  server: Server;
  liveDocs: LiveDocs;
  /** Largest encoded state of a document (limits.docBytes unless DOC_MAX_BYTES lowers it). */
  docMaxBytes: number;
  signer: TokenSigner;
  allowedOrigins: readonly string[];
  log: Logger;
  /** Runs before the session is read (loads the event's links, see auth/linkGuard.ts). */
  prepareSession?(eventId: string): Promise<void>;
}

/** The y-websocket endpoint: authenticates every upgrade, then hands the socket to the document loop. */
export function attachYjsEndpoint(deps: YjsEndpointDeps) {
  const { server, liveDocs, signer, log } = deps;
  // ws closes frames above maxPayload with 1009 itself; its 100 MiB default is far too generous.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsFrameBytes });
  const peersByParticipant = new Map<string, Set<DocPeer>>();
  const alive = new WeakSet<WebSocket>();
  const openBySession = new Map<string, number>();
  // One budget per session, shared by its tabs and documents. It outlives the session's last connection
  // until the next heartbeat sweep, so reconnecting does not buy a fresh burst.
  const budgetBySession = new Map<string, ByteBudget>();
  const scheduler = createFairScheduler(fairSliceMs);
  const echoHold = createEchoHold(echoHoldMs);

  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  // Refusals after the Origin check complete the upgrade and close with a shared code (shared/closeCodes.ts):
  // a browser sees only 1006 for a refused upgrade, and would retry forever on a deleted event.
  const closeAfterUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, name: CloseReasonName) => {
    const { code, reason } = closeReasons[name];
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(yjsPathPrefix)) {
      if (!url.pathname.startsWith('/socket.io/')) refuse(socket, 404, 'Not Found');
      return;
    }
    if (!originAllowed(req, deps.allowedOrigins)) {
      log.warn({ origin: req.headers.origin }, 'refused Yjs upgrade from another origin');
      return refuse(socket, 403, 'Forbidden');
    }
    // The name is parsed once, in its one canonical spelling; everything below uses the name built from it.
    const ref = parseCanonicalDocName(url.pathname.slice(yjsPathPrefix.length));
    if (!ref) return closeAfterUpgrade(req, socket, head, 'notFound');
    const docName = docNameOf(ref);
    await deps.prepareSession?.(ref.eventId);
    const claims = sessionFor(req, signer, ref.eventId);
    if (!claims) return closeAfterUpgrade(req, socket, head, 'unauthorized');
    const decision = await resolveDocAccess(claims, ref, deps).catch((err): AccessDecision => {
      log.error({ err }, 'access check failed');
      return { ok: false, refusal: 'serverError' };
    });
    if (!decision.ok) return closeAfterUpgrade(req, socket, head, decision.refusal);
    const sessionKey = `${claims.eventId}/${claims.participantId}`;
    if ((openBySession.get(sessionKey) ?? 0) >= maxConnectionsPerSession) {
      log.warn({ participantId: claims.participantId }, 'refused Yjs upgrade: too many connections for one session');
      return closeAfterUpgrade(req, socket, head, 'tooFast');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      openBySession.set(sessionKey, (openBySession.get(sessionKey) ?? 0) + 1);
      let sessionBudget = budgetBySession.get(sessionKey);
      if (!sessionBudget) budgetBySession.set(sessionKey, (sessionBudget = createByteBudget(connectionLimits.sessionRate)));
      ws.on('close', () => {
        const left = (openBySession.get(sessionKey) ?? 1) - 1;
        if (left > 0) openBySession.set(sessionKey, left);
        else openBySession.delete(sessionKey);
      });
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serveDocConnection(ws, {
        liveDocs,
        scheduler,
        echoHold,
        sessionBudget,
        docMaxBytes: deps.docMaxBytes,
        docName,
        ref,
        claims,
        access: decision.access,
        log,
        onPeer(peer) {
          const set = peersByParticipant.get(claims.participantId) ?? new Set();
          set.add(peer);
          peersByParticipant.set(claims.participantId, set);
          return () => {
            set.delete(peer);
            if (set.size === 0) peersByParticipant.delete(claims.participantId);
          };
        },
      });
    });
  };

  server.on('upgrade', (req, socket, head) => {
    onUpgrade(req, socket, head).catch((err) => {
      log.error({ err }, 'upgrade failed');
      socket.destroy();
    });
  });

  // Dead connections (a laptop closed mid-session) are found by ping and dropped, releasing presence.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
    for (const key of budgetBySession.keys()) if (!openBySession.has(key)) budgetBySession.delete(key);
  }, 30_000);
  heartbeat.unref();

  const local = {
    disconnectParticipant(participantId: string, code: number, reason: string): void {
      for (const peer of peersByParticipant.get(participantId) ?? []) peer.close(code, reason);
    },
    disconnectPrefix(prefix: string, except: string | null, code: number, reason: string): void {
      for (const id of [...peersByParticipant.keys()]) if (id.startsWith(prefix) && id !== except) local.disconnectParticipant(id, code, reason);
    },
    async resync(docName: string): Promise<void> {
      const live = await liveDocs.ifLoaded(docName);
      if (!live) return;
      const frame = liveDocs.syncStep1For(live);
      for (const peer of live.peers) peer.send(frame);
    },
  };
  // The participant's connection, or the document's peers, may be on another server.
  const bus = deps.bus ?? soloBus();
  void bus.subscribe(peersChannel, (payload) => {
    const message = JSON.parse(Buffer.from(payload).toString('utf8')) as PeersMessage;
    if (message.type === 'disconnect') local.disconnectParticipant(message.participantId, message.code, message.reason);
    else if (message.type === 'disconnectPrefix') local.disconnectPrefix(message.prefix, message.except, message.code, message.reason);
    else void local.resync(message.docName);
  });
  const announce = (message: PeersMessage) => {
    if (bus.clustered) bus.publish(peersChannel, Buffer.from(JSON.stringify(message)));
  };

  return {
    /** Closes a participant's board connections, e.g. after a move, so their client reopens the new room. */
    disconnectParticipant(participantId: string, code: number, reason: string): void {
      local.disconnectParticipant(participantId, code, reason);
      announce({ type: 'disconnect', participantId, code, reason });
    },
    /** Closes the connections of every session whose participantId starts with prefix but one (a stopped link's sessions). */
    disconnectPrefix(prefix: string, except: string | null, code: number, reason: string): void {
      local.disconnectPrefix(prefix, except, code, reason);
      announce({ type: 'disconnectPrefix', prefix, except, code, reason });
    },
    /** Asks every peer of a document to send what the server lacks (after an unlock). */
    async resync(docName: string): Promise<void> {
      announce({ type: 'resync', docName });
      await local.resync(docName);
    },
    close(): void {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

export type YjsEndpoint = ReturnType<typeof attachYjsEndpoint>;
