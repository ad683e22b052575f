import crypto from 'node:crypto';
import type { LinkRole } from '../../shared/links';

// A staff session's participantId names its event and link, so every Yjs connection opened with a link
// can be found by prefix and closed when the link is stopped or replaced (yjsEndpoint's disconnectPrefix).

export function linkSessionPrefix(eventId: string, role: LinkRole, linkId: string): string {
  return `${role[0]}-${eventId}-${linkId}-`;
}

export function newLinkSessionId(eventId: string, role: LinkRole, linkId: string): string {
  return linkSessionPrefix(eventId, role, linkId) + crypto.randomBytes(5).toString('hex');
}

/** The socket.io channel of every socket opened with one link. */
export function linkChannel(eventId: string, linkId: string): string {
  return `link:${eventId}:${linkId}`;
}
