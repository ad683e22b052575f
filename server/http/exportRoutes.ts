import express, { type Router } from 'express';
import { z } from 'zod';
import { namesModeOf } from '../../shared/namesMode';
import { idSchema } from '../../shared/schemas';
import { exportFilename, exportFormats, isExportFormat } from '../export/exportFormats';
import { pseudonymsFor } from '../export/pseudonyms';
import type { LiveDocs } from '../yjs/liveDocs';
import { summaryForExport } from '../summary/draftInput';
import type { RouteDeps } from './eventRoutes';
import { HttpError } from './httpError';
import { requireSession } from './requestContext';

export interface ExportRouteDeps extends RouteDeps {
  liveDocs: LiveDocs;
  /** The server's secret, from which each event's export pseudonym key is derived. */
  serverSecret: Uint8Array;
}

/** `?names=include` is the only parameter: names are left out unless the organiser asks for them. */
export const exportQuerySchema = z.strictObject({
  names: z.literal('include', { error: 'names can only be "include" (leave it out to export without names).' }).optional(),
});

/** Downloads of the summary (docx, pdf, md, html) and of all data (csv, json), for organisers and facilitators. */
export function exportRoutes(deps: ExportRouteDeps): Router {
  const router = express.Router();
  router.get('/events/:id/export/:format', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    requireSession(req, deps.signer, eventId, ['facilitator', 'organiser']);
    const format = req.params.format;
    if (!isExportFormat(format)) throw new HttpError(404, 'unknown_format', 'Exports are available as docx, pdf, md, html, csv or json.');
    const query = exportQuerySchema.parse(req.query);
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new HttpError(404, 'event_not_found', 'We could not find that event.');
    const namesMode = namesModeOf(event.info);
    const includeNames = query.names === 'include';
    if (includeNames && namesMode === 'anonymous') {
      throw new HttpError(400, 'anonymous_event', 'This event is anonymous: there are no names to include.');
    }
    const [{ summary, input }, votes, logo] = await Promise.all([
      summaryForExport(event.info, deps.store, deps.liveDocs),
      deps.store.listVotes(eventId),
      deps.store.getLogo(eventId),
    ]);
    const info = exportFormats[format];
    const body = await info.render(
      { summary, input, votes, ...(logo ? { logo } : {}) },
      { includeNames, namesMode, generatedAt: new Date(), pseudonyms: pseudonymsFor(deps.serverSecret, eventId) },
    );
    res.setHeader('Content-Type', info.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${exportFilename(event.info.title, format)}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}
