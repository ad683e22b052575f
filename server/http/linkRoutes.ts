import express, { type Router } from 'express';
import { emptyBodySchema, idSchema } from '../../shared/schemas';
import { linkIdSchema, linkUrl, mayManageLink, newLinkSchema, type EventLinksView, type IssuedLink } from '../../shared/links';
import type { TokenClaims } from '../../shared/types';
import type { LinkGuard } from '../auth/linkGuard';
import { linkOfClaims } from '../auth/linkGuard';
import { createCoFacilitatorLink, linkInfo, manageableLink, regenerateLink, revokeLink, type LinkSessionCloser } from '../events/eventLinks';
import type { StoredLink } from '../store/store';
import { issueSession, type RouteDeps } from './eventRoutes';
import { HttpError } from './httpError';
import { baseUrlOf, requireSession } from './requestContext';

export interface LinkRouteDeps extends RouteDeps {
  guard: LinkGuard;
  closer: LinkSessionCloser;
}

const staff = ['facilitator', 'organiser'] as const;

/** The Invite panel: the event's links (never their keys), new co-facilitator links, new keys, stopped links. */
export function linkRoutes(deps: LinkRouteDeps): Router {
  const router = express.Router();

  const issued = (req: express.Request, link: StoredLink, key: string): IssuedLink => ({
    link: linkInfo(link),
    url: linkUrl(baseUrlOf(req, deps.publicUrl), link.eventId, link.role, key),
  });
  const audit = (claims: TokenClaims, action: string, link: StoredLink) =>
    deps.store.appendAudit({ eventId: claims.eventId, at: new Date().toISOString(), actorId: claims.participantId, actorRole: claims.role, action, detail: link.id });
  // Stopped at once: this server forgets the cached links (others hear it on the bus), then the open connections close.
  const endSessions = async (link: StoredLink, except: string | null) => {
    deps.guard.changed(link.eventId);
    await deps.guard.prime(link.eventId);
    await deps.closer.endSessions(link, except);
  };

  router.get('/events/:id/links', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const claims = requireSession(req, deps.signer, eventId, staff);
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new HttpError(404, 'event_not_found', 'We could not find that event.');
    const links = (await deps.store.listLinks(eventId)).filter((l) => l.revokedAt === null && mayManageLink(claims.role, l.role));
    const view: EventLinksView = {
      links: links.map(linkInfo),
      mine: claims.link ?? null,
      participant: { url: `${baseUrlOf(req, deps.publicUrl)}/join/${event.info.joinCode}`, joinCode: event.info.joinCode },
    };
    res.json(view);
  });

  router.post('/events/:id/links', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const claims = requireSession(req, deps.signer, eventId, staff);
    const { label } = newLinkSchema.parse(req.body);
    const { link, key } = await createCoFacilitatorLink(deps.store, eventId, label);
    // Cached links (here and on other servers) do not know it yet: its sessions would be refused.
    deps.guard.changed(eventId);
    await audit(claims, 'link:create', link);
    res.status(201).json(issued(req, link, key));
  });

  router.post('/events/:id/links/:linkId/regenerate', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const claims = requireSession(req, deps.signer, eventId, staff);
    emptyBodySchema.parse(req.body ?? {});
    const current = await manageableLink(deps.store, claims, linkIdSchema.parse(req.params.linkId));
    const { link, key } = await regenerateLink(deps.store, current);
    // Whoever replaces the link they are signed in with carries on with the new one, on this page.
    const own = linkOfClaims(claims).link === link.id;
    if (own) issueSession(res, deps, { role: claims.role, eventId, participantId: claims.participantId, name: claims.name, link: link.id, gen: link.generation });
    await endSessions(link, own ? claims.participantId : null);
    await audit(claims, 'link:regenerate', link);
    res.json(issued(req, link, key));
  });

  router.delete('/events/:id/links/:linkId', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const claims = requireSession(req, deps.signer, eventId, staff);
    emptyBodySchema.parse(req.body ?? {});
    const link = await manageableLink(deps.store, claims, linkIdSchema.parse(req.params.linkId));
    await revokeLink(deps.store, link);
    await endSessions(link, null);
    await audit(claims, 'link:revoke', link);
    res.json({ ok: true });
  });

  return router;
}
