import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { emptyBodySchema, idSchema } from '../../shared/schemas';
import { checkLogo, isLogoUploadType, LogoProblem, logoLimits, logoUploadTypes } from '../export/logoImage';
import type { RouteDeps } from './eventRoutes';
import { HttpError } from './httpError';
import { requireSession } from './requestContext';

// The organisation's logo on the exports' title block: facilitators and organisers upload it as the
// raw image body (PNG, JPEG or SVG, up to 512 KiB), see it and remove it. Only checked PNG or JPEG bytes
// are stored (server/export/logoImage.ts).

const staff = ['facilitator', 'organiser'] as const;
const noQuery = z.strictObject({});

/** The request's media type without parameters ("image/svg+xml; charset=utf-8" → "image/svg+xml"). */
function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Session and content type are checked before the body is read: nobody else makes us read 512 KiB. */
function beforeBody(deps: RouteDeps) {
  return (req: Request, _res: Response, next: NextFunction) => {
    requireSession(req, deps.signer, idSchema.parse(req.params.id), staff);
    noQuery.parse(req.query);
    if (!isLogoUploadType(mediaType(req))) {
      throw new HttpError(415, 'unsupported_type', 'Logos can be PNG, JPEG or SVG images: send the file with its image type.');
    }
    next();
  };
}

const rawImage = express.raw({ type: [...logoUploadTypes], limit: logoLimits.maxBytes });

/** express.raw's own 413 says only "too large": say what the limit is. */
function readBody(req: Request, res: Response, next: NextFunction) {
  rawImage(req, res, (error?: unknown) => {
    const status = (error as { status?: number } | undefined)?.status;
    if (status === 413) next(new HttpError(413, 'logo_too_large', 'The logo is larger than 512 KB. Please choose a smaller file.'));
    else next(error);
  });
}

export function logoRoutes(deps: RouteDeps): Router {
  const router = express.Router();

  router.put('/events/:id/logo', beforeBody(deps), readBody, async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    const type = mediaType(req);
    if (!isLogoUploadType(type) || !Buffer.isBuffer(req.body)) throw new HttpError(400, 'invalid_logo', 'Please upload a PNG, JPEG or SVG file.');
    if (!(await deps.store.getEvent(eventId))) throw new HttpError(404, 'event_not_found', 'We could not find that event.');
    let logo;
    try {
      logo = checkLogo(type, req.body);
    } catch (error) {
      if (error instanceof LogoProblem) throw new HttpError(400, 'invalid_logo', error.message);
      throw error;
    }
    await deps.store.saveLogo(eventId, logo, new Date().toISOString());
    res.json({ logo: { type: logo.mime, width: logo.width, height: logo.height } });
  });

  router.get('/events/:id/logo', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    requireSession(req, deps.signer, eventId, staff);
    noQuery.parse(req.query);
    const logo = await deps.store.getLogo(eventId);
    if (!logo) throw new HttpError(404, 'no_logo', 'This event has no logo.');
    res.setHeader('Content-Type', logo.mime);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(Buffer.from(logo.bytes));
  });

  router.delete('/events/:id/logo', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    requireSession(req, deps.signer, eventId, staff);
    noQuery.parse(req.query);
    emptyBodySchema.parse(req.body ?? {});
    await deps.store.deleteLogo(eventId);
    res.json({ deleted: true });
  });

  return router;
}
