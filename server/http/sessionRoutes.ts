import express, { type Router } from 'express';
import { emptyBodySchema, idSchema } from '../../shared/schemas';
import type { Role } from '../../shared/types';
import { clearedCookieHeader, sessionCookieName, wantsSecureCookie } from '../auth/cookies';
import { sessionFor } from '../auth/sessions';
import type { RouteDeps } from './eventRoutes';

const roles: Role[] = ['participant', 'facilitator', 'organiser'];

/** Who am I here (without an error when nobody), and "leave this event on this device". */
export function sessionRoutes(deps: RouteDeps): Router {
  const router = express.Router();

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
