import crypto from 'node:crypto';
import type { Server } from 'socket.io';
import { closeReasons } from '../../shared/closeCodes';
import { isMainLink, linkLimits, mayManageLink, type EventLinkInfo } from '../../shared/links';
import type { TokenClaims } from '../../shared/types';
import { linkOfClaims } from '../auth/linkGuard';
import { linkChannel, linkSessionPrefix } from '../auth/linkSessions';
import { hashSecret, randomSecret, secretMatchesHash } from '../auth/tokens';
import { HttpError } from '../http/httpError';
import type { RoundtableSocket } from '../socket/socketServer';
import type { LinkStore, StoredLink } from '../store/store';

// Facilitator, organiser and co-facilitator links: created, found by key, re-keyed and stopped.

export function linkInfo(link: StoredLink): EventLinkInfo {
  return { id: link.id, role: link.role, label: link.label, main: isMainLink(link.id), createdAt: link.createdAt, lastUsedAt: link.lastUsedAt };
}

/** The live link this key opens. Every live link's hash is compared (in constant time), whichever matches. */
export async function findLinkByKey(store: Pick<LinkStore, 'listLinks'>, eventId: string, key: string): Promise<StoredLink | undefined> {
  let found: StoredLink | undefined;
  for (const link of await store.listLinks(eventId)) {
    if (link.revokedAt === null && secretMatchesHash(key, link.keyHash) && !found) found = link;
  }
  return found;
}

/** The live link `linkId`, if the caller may manage it; 404 and 403 otherwise. */
export async function manageableLink(store: Pick<LinkStore, 'listLinks'>, claims: TokenClaims, linkId: string): Promise<StoredLink> {
  const link = (await store.listLinks(claims.eventId)).find((l) => l.id === linkId && l.revokedAt === null);
  if (!link) throw new HttpError(404, 'link_not_found', 'That link no longer exists. Reload the page to see the current links.');
  if (!mayManageLink(claims.role, link.role)) throw new HttpError(403, 'forbidden', 'Only the organiser can change this link.');
  return link;
}

export async function createCoFacilitatorLink(store: LinkStore, eventId: string, label: string): Promise<{ link: StoredLink; key: string }> {
  const extra = (await store.listLinks(eventId)).filter((l) => !isMainLink(l.id) && l.revokedAt === null);
  if (extra.length >= linkLimits.extraLinksPerEvent) {
    throw new HttpError(409, 'too_many_links', `An event can have ${linkLimits.extraLinksPerEvent} co-facilitator links. Stop one you no longer need first.`);
  }
  const key = randomSecret();
  const link: StoredLink = {
    eventId,
    id: `c${crypto.randomBytes(8).toString('hex').slice(0, 8)}`,
    role: 'facilitator',
    label,
    keyHash: hashSecret(key),
    generation: 0,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await store.addLink(link);
  return { link, key };
}

/** A new key for the link: the old one stops working (the caller ends the sessions opened with it). */
export async function regenerateLink(store: LinkStore, link: StoredLink): Promise<{ link: StoredLink; key: string }> {
  const key = randomSecret();
  const updated = await store.rekeyLink(link.eventId, link.id, hashSecret(key));
  if (!updated) throw new HttpError(404, 'link_not_found', 'That link no longer exists. Reload the page to see the current links.');
  return { link: updated, key };
}

export async function revokeLink(store: LinkStore, link: StoredLink): Promise<void> {
  if (isMainLink(link.id)) throw new HttpError(409, 'main_link', 'The main links cannot be stopped, only replaced: use "Make a new link".');
  await store.revokeLink(link.eventId, link.id, new Date().toISOString());
}

export interface LinkSessionCloser {
  /** Ends every live connection opened with the link, on every server, but the one session `except` (who re-keyed their own link). */
  endSessions(link: StoredLink, except: string | null): Promise<void>;
}

/** Yjs connections close with linkRevoked; socket.io ones are told why (session:ended), then disconnected. */
export function linkSessionCloser(io: Server, yjs: { disconnectPrefix(prefix: string, except: string | null, code: number, reason: string): void }): LinkSessionCloser {
  return {
    async endSessions(link, except) {
      const { code, reason } = closeReasons.linkRevoked;
      yjs.disconnectPrefix(linkSessionPrefix(link.eventId, link.role, link.id), except, code, reason);
      for (const socket of await io.in(linkChannel(link.eventId, link.id)).fetchSockets()) {
        if ((socket.data as RoundtableSocket['data']).claims.participantId === except) continue;
        socket.emit('session:ended', { reason: 'linkRevoked', message: reason });
        socket.disconnect(true);
      }
    },
  };
}

/** Puts every staff socket in its link's channel, so the link's sessions can be ended together. */
export function joinLinkChannels(io: Server): void {
  io.on('connection', (socket: RoundtableSocket) => {
    const { claims } = socket.data;
    if (claims.role !== 'participant') void socket.join(linkChannel(claims.eventId, linkOfClaims(claims).link));
  });
}
