import express, { type Router } from 'express';
import { idSchema } from '../../shared/schemas';
import { cardExportRows } from '../export/cardRows';
import { exportFilename, exportFormats, isExportFormat } from '../export/exportFormats';
import type { LiveDocs } from '../yjs/liveDocs';
import { summaryForExport } from '../summary/draftInput';
import type { RouteDeps } from './eventRoutes';
import { HttpError } from './httpError';
import { requireSession } from './requestContext';

/** Downloads of the summary (docx, pdf, md, html) and of all cards (csv, json), for organisers and facilitators. */
export function exportRoutes(deps: RouteDeps & { liveDocs: LiveDocs }): Router {
  const router = express.Router();
  router.get('/events/:id/export/:format', async (req, res) => {
    const eventId = idSchema.parse(req.params.id);
    requireSession(req, deps.signer, eventId, ['facilitator', 'organiser']);
    const format = req.params.format;
    if (!isExportFormat(format)) throw new HttpError(404, 'unknown_format', 'Exports are available as docx, pdf, md, html, csv or json.');
    const event = await deps.store.getEvent(eventId);
    if (!event) throw new HttpError(404, 'event_not_found', 'We could not find that event.');
    const { summary, input } = await summaryForExport(event.info, deps.store, deps.liveDocs);
    const info = exportFormats[format];
    const body = await info.render({ summary, cards: cardExportRows(input) });
    res.setHeader('Content-Type', info.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${exportFilename(event.info.title, format)}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}
