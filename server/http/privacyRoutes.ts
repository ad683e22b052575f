import express, { type Router } from 'express';
import { z } from 'zod';
import { emptyBodySchema, idSchema } from '../../shared/schemas';
import type { RouteDeps } from './eventRoutes';
import { HttpError } from './httpError';
import { requireSession } from './requestContext';

export interface PrivacyRouteDeps extends RouteDeps {
  eraseEvent(eventId: string): Promise<boolean>;
}

const auditQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(5000).default(1000) });

/** UK GDPR: organisers and facilitators can delete an event outright and see what facilitators did. */
export function privacyRoutes(deps: PrivacyRouteDeps): Router {
  const router = express.Router();

  router.delete('/events/:id', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    requireSession(req, deps.signer, eventId, ['facilitator', 'organiser']);
    emptyBodySchema.parse(req.body ?? {});
    const erased = await deps.eraseEvent(eventId);
    if (!erased) throw new HttpError(404, 'event_not_found', 'We could not find that event.');
    res.json({ deleted: true });
  });

  router.get('/events/:id/audit', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    requireSession(req, deps.signer, eventId, ['facilitator', 'organiser']);
    const { limit } = auditQuerySchema.parse(req.query);
    const entries = await deps.store.listAudit(eventId, limit);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ entries: entries.map(({ eventId: _eventId, ...entry }) => entry) });
  });

  return router;
}
