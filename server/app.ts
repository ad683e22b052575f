import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { pino, type DestinationStream, type Logger } from 'pino';
import { limits } from '../shared/limits';
import { idSchema } from '../shared/schemas';
import { createLinkGuard } from './auth/linkGuard';
import { createTokenSigner } from './auth/tokens';
import { joinLinkChannels, linkSessionCloser, type LinkSessionCloser } from './events/eventLinks';
import { linkRoutes } from './http/linkRoutes';
import type { Config } from './config';
import { errorHandler } from './http/errorHandler';
import { eventRoutes, type RouteDeps } from './http/eventRoutes';
import { HttpError } from './http/httpError';
import { joinRoutes } from './http/joinRoutes';
import { privacyRoutes } from './http/privacyRoutes';
import { createFailureLimiter, createUseLimiter, rateLimitDefaults } from './http/rateLimit';
import { eraseEvent } from './privacy/eraseEvent';
import { startRetentionSweep } from './privacy/retention';
import { exportRoutes } from './http/exportRoutes';
import { logoRoutes } from './http/logoRoutes';
import { sessionRoutes } from './http/sessionRoutes';
import { loadSessionSecret } from './sessionSecret';
import { createSocketServer } from './socket/socketServer';
import { openSqliteStore } from './store/sqliteStore';
import { soloBus } from './cluster/clusterBus';
import type { Store } from './store/store';
import { createLiveDocs, type LiveDocs } from './yjs/liveDocs';
import { attachYjsEndpoint } from './yjs/yjsEndpoint';
import { createControlService } from './control/controlService';
import { registerCommands } from './socket/commandRouter';
import { trackConnections } from './socket/connections';
import { facilitationHandlers } from './socket/handlers/facilitationHandlers';
import { participantHandlers } from './socket/handlers/participantHandlers';
import { roomHandlers } from './socket/handlers/roomHandlers';
import { summaryHandlers } from './socket/handlers/summaryHandlers';
import type { HandlerDeps } from './socket/handlers/handlerDeps';
import { createRealtime } from './socket/realtime';
import { createKeyedQueue } from './util/keyedQueue';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  liveDocs: LiveDocs;
  log: Logger;
  /** Runs the retention sweep now; resolves with the number of events deleted. */
  sweepRetention(): Promise<number>;
  close(): Promise<void>;
}

/** 180 days: long enough to protect returning visitors, short enough to undo a mistaken https setup. */
const hstsMaxAgeSeconds = 180 * 86_400;

export function createLogger(level: string, destination?: DestinationStream): Logger {
  // Secrets never reach the log: cookies and auth headers are redacted wherever they appear.
  const options = { level, redact: ['req.headers.cookie', 'req.headers.authorization', '*.key', 'key', '*.cookie', '*.token'] };
  return destination ? pino(options, destination) : pino(options);
}

export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  // PostgreSQL and Redis clients load only when configured: most servers never need them (about 35 MB).
  const store = config.databaseUrl ? await (await import('./store/postgresStore')).openPostgresStore(config.databaseUrl) : openSqliteStore(config.dataDir, {
        synchronous: config.sqliteSync,
        foldIntervalMs: config.logFoldMs,
        onFoldError: (err) => log.error({ err }, 'could not fold the update log into SQLite; keeping it and retrying'),
      });
  const redis = config.redisUrl ? await (await import('./cluster/redisBus')).openRedisBus(config.redisUrl, log) : null;
  const bus = redis ?? soloBus();
  const serverSecret = loadSessionSecret(config.dataDir, config.sessionSecret);
  // Every session check also asks whether the staff link it came from is still live (auth/linkGuard.ts).
  const links = createLinkGuard(store, bus);
  const signer = links.checking(createTokenSigner(serverSecret));
  const deps: RouteDeps = {
    store,
    signer,
    publicUrl: config.publicUrl,
    sessionDays: config.sessionDays,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    eventCreationKey: config.eventCreationKey,
    limiters: {
      join: createFailureLimiter({ maxFailures: rateLimitDefaults.joinFailures, windowMs: rateLimitDefaults.windowMs }),
      session: createFailureLimiter({ maxFailures: rateLimitDefaults.sessionFailures, windowMs: rateLimitDefaults.windowMs }),
      eventCreation: createUseLimiter({ maxUses: rateLimitDefaults.eventCreations, windowMs: rateLimitDefaults.eventCreationWindowMs }),
    },
  };

  const control = createControlService(store, bus);
  // The overview hears about committed board updates; realtime is created just below.
  let onCommitted: (name: string) => void = () => {};
  const liveDocs = createLiveDocs({
    store,
    log,
    bus,
    compactEvery: config.compactEvery,
    unloadAfterMs: config.docUnloadMs,
    onCommitted: (name) => onCommitted(name),
  });
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', 1);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          // Venues often run Roundtable on plain http inside a LAN; forcing https would break it.
          upgradeInsecureRequests: null,
        },
      },
      // Sent per request below: only over https.
      strictTransportSecurity: false,
    }),
  );
  // HSTS only on responses that really went out over https: with TRUST_PROXY the proxy's
  // X-Forwarded-Proto says so (req.secure); without it, an https PUBLIC_URL is the operator's word.
  // A plain-http LAN venue never receives it, so it cannot be locked out of its own server.
  const hsts = helmet.strictTransportSecurity({ maxAge: hstsMaxAgeSeconds, includeSubDomains: true });
  app.use((req, res, next) => ((config.trustProxy ? req.secure : deps.secureCookies) ? hsts(req, res, next) : next()));
  app.use(express.json({ limit: limits.requestBodyBytes }));
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true });
  });
  // The event's links are loaded before any route reads a session (the checks themselves are synchronous).
  app.use('/api/events/:id', (req, _res, next) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) return next();
    links.prime(id.data).then(() => next(), next);
  });
  // io and yjs are created with the HTTP server below; a stopped link's sessions are ended through them.
  const closer: LinkSessionCloser = { endSessions: (link, except) => linkSessionCloser(io, yjs).endSessions(link, except) };
  const erase = (eventId: string, reason: 'request' | 'retention') => eraseEvent({ store, liveDocs, control, io, log }, eventId, reason);
  app.use('/api', eventRoutes(deps), joinRoutes(deps), exportRoutes({ ...deps, liveDocs, serverSecret }), logoRoutes(deps), sessionRoutes(deps), linkRoutes({ ...deps, guard: links, closer }), privacyRoutes({ ...deps, eraseEvent: (id) => erase(id, 'request') }));
  app.use('/api', () => {
    throw new HttpError(404, 'not_found', 'No such API endpoint.');
  });
  const clientDir = path.resolve(config.clientDir);
  const indexHtml = path.join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  // A built asset that is not there is a 404, not the app's page.
  app.use('/assets', (_req, res) => {
    res.status(404).type('text').send('Not found.');
  });
  // Client-side routes all load the single-page app. The file is named relative to its folder (root):
  // `send` refuses absolute paths with a dot segment, so a checkout under ~/.apps/ would answer 500.
  app.get(/^\/(?!api\/|yjs\/|socket\.io\/).*/, (_req, res, next) => {
    if (!fs.existsSync(indexHtml)) {
      res.status(503).type('text').send('The client is not built yet: run "npm run build".');
      return;
    }
    res.sendFile('index.html', { root: clientDir }, (error) => error && next(error));
  });
  app.use(errorHandler(log));

  const server = http.createServer(app);
  const io = createSocketServer({ server, signer, allowedOrigins: config.allowedOrigins, log, adapter: await redis?.socketAdapter(), prepareSession: links.prime });
  const yjs = attachYjsEndpoint({ server, liveDocs, docMaxBytes: config.docMaxBytes, signer, allowedOrigins: config.allowedOrigins, log, events: store, control, bus, prepareSession: links.prime });
  const realtime = createRealtime({ io, store, control, liveDocs, log });
  onCommitted = realtime.docCommitted;
  trackConnections(io, store, realtime);
  joinLinkChannels(io);
  const handlerDeps: HandlerDeps = { store, control, realtime, liveDocs, yjs, serial: createKeyedQueue() };
  registerCommands(io, { ...participantHandlers(handlerDeps), ...facilitationHandlers(handlerDeps), ...roomHandlers(handlerDeps), ...summaryHandlers(handlerDeps) }, { store, log });

  const retention = startRetentionSweep({ store, log, retentionDays: config.retentionDays, intervalMs: config.retentionSweepMs, erase: (id) => erase(id, 'retention') });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info({ url, dataDir: config.dataDir }, 'Roundtable is listening');

  return {
    url,
    port,
    store,
    liveDocs,
    log,
    sweepRetention: () => retention.sweep(),
    async close() {
      await retention.stop();
      realtime.close();
      yjs.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await liveDocs.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await bus.close();
    },
  };
}
