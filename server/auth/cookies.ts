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
  return [
    `${name}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
