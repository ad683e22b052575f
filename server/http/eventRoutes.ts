import express, { type Router } from 'express';
import { createEventSchema, idSchema } from '../../shared/schemas';
import { templates } from '../../shared/templates';
import type { TokenClaims } from '../../shared/types';
import { sessionCookieHeader, sessionCookieName, wantsSecureCookie } from '../auth/cookies';
import { createEvent } from '../events/eventService';
import { hashSecret, secretMatchesHash, type TokenSigner } from '../auth/tokens';
import type { Store } from '../store/store';
import { HttpError } from './httpError';
import { clientKey, type FailureLimiter, type UseLimiter } from './rateLimit';
import { baseUrlOf, requireSession } from './requestContext';

export interface RouteDeps {
  store: Store;
  signer: TokenSigner;
  publicUrl?: string;
  sessionDays: number;
  /** PUBLIC_URL is https: cookies are Secure whatever the request says (see wantsSecureCookie). */
  secureCookies: boolean;
  /** When set, POST /api/events needs it in the X-Event-Creation-Key header (EVENT_CREATION_KEY). */
  eventCreationKey?: string;
  /** Throttles wrong join codes, wrong link secrets and event creation (see rateLimit.ts); absent means unlimited. */
  limiters?: { join: FailureLimiter; session: FailureLimiter; eventCreation: UseLimiter };
}

export const eventCreationKeyHeader = 'X-Event-Creation-Key';

export function issueSession(res: express.Response, deps: RouteDeps, claims: Omit<TokenClaims, 'exp'>): void {
  const maxAge = deps.sessionDays * 86_400;
  const token = deps.signer.sign({ ...claims, exp: Math.floor(Date.now() / 1000) + maxAge });
  const secure = wantsSecureCookie(res.req, deps.secureCookies);
  res.append('Set-Cookie', sessionCookieHeader(sessionCookieName(claims.eventId, claims.role), token, maxAge, secure));
}

export function eventRoutes(deps: RouteDeps): Router {
  const router = express.Router();
  const { store, signer } = deps;

  // Built-in templates first, then those saved on this server from events (template:save), oldest first.
  router.get('/templates', async (_req, res) => {
    res.json({ templates: [...templates, ...(await store.listTemplates())] });
  });

  // Tells the /new page whether to ask for an event creation key.
  router.get('/config', (_req, res) => {
    res.json({ eventCreationKeyRequired: deps.eventCreationKey !== undefined });
  });

  // Open servers would otherwise let anyone fill the database with events: creations (and wrong keys)
  // are limited per address, and EVENT_CREATION_KEY can close creation to people who know the key.
  router.post('/events', async (req, res) => {
    const limiterKey = clientKey(req);
    deps.limiters?.eventCreation.check(limiterKey, res, 'new events');
    if (deps.eventCreationKey !== undefined) {
      const given = req.get(eventCreationKeyHeader);
      if (!given || !secretMatchesHash(given, hashSecret(deps.eventCreationKey))) {
        deps.limiters?.eventCreation.used(limiterKey);
        throw new HttpError(403, given ? 'wrong_event_creation_key' : 'event_creation_key_required', given
          ? 'That event creation key is not right. Ask whoever runs this Roundtable server for it.'
          : 'This server needs an event creation key to create events. Ask whoever runs it for the key.');
      }
    }
    const input = createEventSchema.parse(req.body);
    const created = await createEvent(store, input, baseUrlOf(req, deps.publicUrl), store);
    deps.limiters?.eventCreation.used(limiterKey);
    res.status(201).json(created);
  });

  router.get('/events/:id', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const claims = requireSession(req, signer, eventId);
    const event = await store.getEvent(eventId);
    if (!event) throw new HttpError(404, 'event_not_found', 'We could not find that event.');
    const participant = claims.role === 'participant' ? await store.getParticipant(claims.participantId) : undefined;
    res.json({
      event: event.info,
      me: { role: claims.role, participantId: claims.participantId, name: claims.name, roomId: participant?.roomId ?? null },
    });
  });

  return router;
}
