import type { Request } from 'express';
import type { Role } from '../../shared/types';

// One HttpOnly cookie per event and role, so a facilitator can also try the participant view in another tab.

const roleLetter: Record<Role, string> = { participant: 'p', facilitator: 'f', organiser: 'o' };

export function sessionCookieName(eventId: string, role: Role): string {
  return `rt_${eventId}_${roleLetter[role]}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A malformed cookie is ignored rather than failing the whole request.
    }
  }
  return cookies;
}

export function sessionCookieHeader(name: string, token: string, maxAgeSeconds: number, secure: boolean): string {
  return cookieHeader(`${name}=${encodeURIComponent(token)}`, maxAgeSeconds, secure);
}

/** Expires the cookie now ("leave this event"), with the same attributes it was set with. */
export function clearedCookieHeader(name: string, secure: boolean): string {
  return cookieHeader(`${name}=`, 0, secure);
}

/**
 * Secure when PUBLIC_URL is https, or when this request reached us over https. `req.secure` reflects
 * X-Forwarded-Proto only when express trusts the proxy (TRUST_PROXY=true), so a client cannot fake it.
 */
export function wantsSecureCookie(req: Pick<Request, 'secure'>, publicUrlIsHttps: boolean): boolean {
  return publicUrlIsHttps || req.secure;
}

function cookieHeader(pair: string, maxAgeSeconds: number, secure: boolean): string {
  return [pair, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}
