import crypto from 'node:crypto';
import { z } from 'zod';
import type { TokenClaims } from '../../shared/types';

// Signed tokens: base64url(JSON claims) + "." + base64url(HMAC-SHA256). Stateless, checked in constant time.

const claimsSchema = z.object({
  role: z.enum(['participant', 'facilitator', 'organiser']),
  eventId: z.string(),
  participantId: z.string(),
  name: z.string(),
  // Staff sessions from before links had ids carry neither: they count as the main link's first generation.
  link: z.string().optional(),
  gen: z.number().int().nonnegative().optional(),
  exp: z.number(),
});

export interface TokenSigner {
  sign(claims: TokenClaims): string;
  /** The claims of a token this server signed, unexpired and (see linkGuard.ts) of a link still in use. */
  verify(token: string | undefined): TokenClaims | null;
  /** True for a token that would verify but for its link having been stopped or replaced. */
  revoked(token: string | undefined): boolean;
}

export function createTokenSigner(secret: Buffer): TokenSigner {
  const mac = (payload: string) => crypto.createHmac('sha256', secret).update(payload).digest();
  return {
    sign(claims) {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token) {
      if (!token || token.length > 2048) return null;
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return null;
      const expected = mac(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
      try {
        const claims = claimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
        return claims.exp * 1000 > Date.now() ? claims : null;
      } catch {
        return null;
      }
    },
    revoked: () => false,
  };
}

/** Random secret for links and keys: 24 bytes is well past guessing. */
export function randomSecret(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export function secretMatchesHash(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
