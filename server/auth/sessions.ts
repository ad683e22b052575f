import type { IncomingMessage } from 'node:http';
import type { Role, TokenClaims } from '../../shared/types';
import { parseCookies, sessionCookieName } from './cookies';
import type { TokenSigner } from './tokens';

const rolesByStrength: Role[] = ['facilitator', 'organiser', 'participant'];

/** The strongest valid session this request holds for the event, from its cookies or a bearer token. */
export function sessionFor(req: IncomingMessage, signer: TokenSigner, eventId: string, bearer?: string): TokenClaims | null {
  const candidates: string[] = [];
  const authHeader = req.headers.authorization;
  if (bearer) candidates.push(bearer);
  if (authHeader?.startsWith('Bearer ')) candidates.push(authHeader.slice(7));
  const cookies = parseCookies(req.headers.cookie);
  for (const role of rolesByStrength) {
    const value = cookies.get(sessionCookieName(eventId, role));
    if (value) candidates.push(value);
  }
  let best: TokenClaims | null = null;
  for (const token of candidates) {
    const claims = signer.verify(token);
    if (!claims || claims.eventId !== eventId) continue;
    if (!best || rolesByStrength.indexOf(claims.role) < rolesByStrength.indexOf(best.role)) best = claims;
  }
  return best;
}
