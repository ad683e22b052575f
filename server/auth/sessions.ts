import type { IncomingMessage } from 'node:http';
import type { Role, TokenClaims } from '../../shared/types';
import { parseCookies, sessionCookieName } from './cookies';
import type { TokenSigner } from './tokens';

const rolesByStrength: Role[] = ['facilitator', 'organiser', 'participant'];

function tokensOf(req: IncomingMessage, eventId: string, bearer?: string): string[] {
  const candidates: string[] = [];
  const authHeader = req.headers.authorization;
  if (bearer) candidates.push(bearer);
  if (authHeader?.startsWith('Bearer ')) candidates.push(authHeader.slice(7));
  const cookies = parseCookies(req.headers.cookie);
  for (const role of rolesByStrength) {
    const value = cookies.get(sessionCookieName(eventId, role));
    if (value) candidates.push(value);
  }
  return candidates;
}

/** The strongest valid session this request holds for the event, from its cookies or a bearer token. */
export function sessionFor(req: IncomingMessage, signer: TokenSigner, eventId: string, bearer?: string): TokenClaims | null {
  let best: TokenClaims | null = null;
  for (const token of tokensOf(req, eventId, bearer)) {
    const claims = signer.verify(token);
    if (!claims || claims.eventId !== eventId) continue;
    if (!best || rolesByStrength.indexOf(claims.role) < rolesByStrength.indexOf(best.role)) best = claims;
  }
  return best;
}

/** Whether the request holds a session for the event whose link was stopped or replaced (to say so, not just "sign in"). */
export function holdsRevokedSession(req: IncomingMessage, signer: TokenSigner, eventId: string): boolean {
  return tokensOf(req, eventId).some((token) => signer.revoked(token));
}
