import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { limits } from '../../shared/limits';
import { idSchema } from '../../shared/schemas';
import type { TokenClaims } from '../../shared/types';
import { originAllowed } from '../auth/origin';
import { sessionFor } from '../auth/sessions';
import type { TokenSigner } from '../auth/tokens';

export interface SocketData {
  claims: TokenClaims;
}

export type RoundtableSocket = Socket<Record<string, (...args: never[]) => void>, Record<string, (...args: never[]) => void>, Record<string, never>, SocketData>;

export function eventChannel(eventId: string): string {
  return `event:${eventId}`;
}
export function roomChannel(eventId: string, roomId: string): string {
  return `room:${eventId}:${roomId}`;
}
/** Facilitators and organisers: they see every room. */
export function staffChannel(eventId: string): string {
  return `staff:${eventId}`;
}
export function participantChannel(participantId: string): string {
  return `participant:${participantId}`;
}

export interface SocketServerDeps {
  server: HttpServer;
  signer: TokenSigner;
  allowedOrigins: readonly string[];
  log: Logger;
  /** Set when several servers share Redis: broadcasts then reach sockets on every server. */
  adapter?: ServerOptions['adapter'];
  /** Runs before the session is read (loads the event's links, see auth/linkGuard.ts). */
  prepareSession?(eventId: string): Promise<void>;
}

/** socket.io for commands and live control events. Authenticated at the handshake from the session cookie. */
export function createSocketServer(deps: SocketServerDeps): Server {
  const io = new Server(deps.server, {
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    serveClient: false,
    maxHttpBufferSize: limits.socketMessageBytes,
    // A ping every second, answered within two: a client notices a silent server within three seconds
    // (pingInterval + pingTimeout) instead of socket.io's default 45 s; the server tolerates a 2 s round trip.
    pingInterval: 1000,
    pingTimeout: 2000,
    // Our Yjs endpoint shares the HTTP server's upgrades; engine.io must not destroy them.
    destroyUpgrade: false,
    allowRequest: (req, callback) => callback(null, originAllowed(req, deps.allowedOrigins)),
  });
  io.use(async (socket, next) => {
    const parsed = idSchema.safeParse(socket.handshake.auth?.eventId);
    if (!parsed.success) return next(new Error('bad_event'));
    const prepared = await deps.prepareSession?.(parsed.data).then(() => true, () => false);
    if (prepared === false) return next(new Error('server_error'));
    const bearer = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const claims = sessionFor(socket.request, deps.signer, parsed.data, bearer);
    if (!claims) return next(new Error('not_signed_in'));
    socket.data.claims = claims;
    next();
  });
  return io;
}
