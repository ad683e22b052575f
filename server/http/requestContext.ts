import type { Request } from 'express';
import type { Role, TokenClaims } from '../../shared/types';
import { closeReasons } from '../../shared/closeCodes';
import { holdsRevokedSession, sessionFor } from '../auth/sessions';
import type { TokenSigner } from '../auth/tokens';
import { HttpError } from './httpError';

export function baseUrlOf(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host')}`;
}

/** The caller's session for the event, or a 401/403 with a plain explanation. */
export function requireSession(req: Request, signer: TokenSigner, eventId: string, roles?: readonly Role[]): TokenClaims {
  const claims = sessionFor(req, signer, eventId);
  if (!claims && holdsRevokedSession(req, signer, eventId)) throw new HttpError(401, 'link_revoked', closeReasons.linkRevoked.reason);
  if (!claims) throw new HttpError(401, 'not_signed_in', 'Please open your event link again to continue.');
  if (roles && !roles.includes(claims.role)) throw new HttpError(403, 'forbidden', 'You do not have permission to do that.');
  return claims;
}
