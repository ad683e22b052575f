import express, { type Router } from 'express';
import { emptyBodySchema, idSchema, keyExchangeSchema } from '../../shared/schemas';
import type { Role } from '../../shared/types';
import { clearedCookieHeader, sessionCookieName, wantsSecureCookie } from '../auth/cookies';
import { newLinkSessionId } from '../auth/linkSessions';
import { sessionFor } from '../auth/sessions';
import { findLinkByKey } from '../events/eventLinks';
import { issueSession, type RouteDeps } from './eventRoutes';
import { HttpError } from './httpError';
import { clientKey } from './rateLimit';

const roles: Role[] = ['participant', 'facilitator', 'organiser'];

/** Opening a secret link, who am I here (without an error when nobody), and "leave this event on this device". */
export function sessionRoutes(deps: RouteDeps): Router {
  const router = express.Router();

  // The secret in a facilitator/organiser link is exchanged once for an HttpOnly cookie, so it leaves the
  // address bar and never reaches logs or Referer headers. The session names the link and its generation,
  // so replacing or stopping the link ends it (auth/linkGuard.ts).
  router.post('/events/:id/session', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const { key } = keyExchangeSchema.parse(req.body);
    const limiterKey = clientKey(req);
    deps.limiters?.session.check(limiterKey, '');
    const event = await deps.store.getEvent(eventId);
    if (!event) {
      deps.limiters?.session.failed(limiterKey);
      throw new HttpError(404, 'event_not_found', 'We could not find that event. Check the link.');
    }
    const link = await findLinkByKey(deps.store, eventId, key);
    if (!link) {
      deps.limiters?.session.failed(limiterKey);
      throw new HttpError(403, 'bad_link', 'That link is not valid for this event. It may have been replaced: ask the organiser for the new one.');
    }
    const name = link.role === 'facilitator' ? 'Facilitator' : 'Organiser';
    const participantId = newLinkSessionId(eventId, link.role, link.id);
    issueSession(res, deps, { role: link.role, eventId, participantId, name, link: link.id, gen: link.generation });
    await deps.store.markLinkUsed(eventId, link.id, new Date().toISOString());
    res.json({ role: link.role, linkId: link.id });
  });

  router.get('/events/:id/me', (req, res) => {
    const claims = sessionFor(req, deps.signer, idSchema.parse(req.params.id));
    res.json({ me: claims ? { role: claims.role, name: claims.name } : null });
  });

  // Shared venue laptops: the next person must not inherit this one's session.
  router.delete('/events/:id/session', (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    emptyBodySchema.parse(req.body ?? {});
    const secure = wantsSecureCookie(req, deps.secureCookies);
    for (const role of roles) res.append('Set-Cookie', clearedCookieHeader(sessionCookieName(eventId, role), secure));
    res.json({ ok: true });
  });

  return router;
}
