import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { issueMessage } from '../../shared/schemas';
import { HttpError } from './httpError';

/** Turns every failure into { error: { code, message } }; unexpected ones are logged, never leaked. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof ZodError) {
      // Unknown fields are named ("Unknown field: questoins"): the schemas are strict so nothing is silently dropped.
      const first = error.issues[0];
      res.status(400).json({
        error: {
          code: 'invalid_input',
          message: first ? issueMessage(first) : 'Invalid input.',
          issues: error.issues.map((i) => ({ path: i.path, message: issueMessage(i) })),
        },
      });
      return;
    }
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
      return;
    }
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status === 413) {
      res.status(413).json({ error: { code: 'too_large', message: 'That request is too large.' } });
      return;
    }
    // A file that is not there (from `send`) is the reader's 404, not our failure.
    if (status === 404) {
      res.status(404).json({ error: { code: 'not_found', message: 'Not found.' } });
      return;
    }
    if (status === 400 && error?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } });
      return;
    }
    log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: { code: 'server_error', message: 'Something went wrong on the server. Please try again.' } });
  };
}
