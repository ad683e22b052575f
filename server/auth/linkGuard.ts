import { mainLinkIds } from '../../shared/links';
import type { TokenClaims } from '../../shared/types';
import { soloBus, type ClusterBus } from '../cluster/clusterBus';
import type { LinkStore } from '../store/store';
import type { TokenSigner } from './tokens';

// Staff sessions are signed tokens, so they cannot be "deleted"; instead each one names the link and
// generation it was opened with, and a token whose link was revoked or re-keyed since stops verifying.
// Token checks are synchronous (sessionFor runs inside every route), so the links of an event are
// loaded first (`prime`, before every request, socket.io handshake and Yjs upgrade) and kept briefly.

/** How long a loaded event's links are trusted; changes on this server (and, through the bus, on others) drop them at once. */
export const linkCacheMs = 5_000;
const linksChannel = 'rt:links';

interface Entry {
  /** Live links only: id → current generation; null until first loaded. */
  live: Map<string, number> | null;
  /** When `live` was read, if nothing changed meanwhile; 0 forces the next prime to read again. */
  loadedAt: number;
  /** Counts changes, so a read that started before one is not taken as fresh. */
  version: number;
  loading?: Promise<void>;
}

export interface LinkGuard {
  /** Loads the event's links unless a fresh copy is at hand. */
  prime(eventId: string): Promise<void>;
  /** Participants always; staff only while their link is live and at the generation they hold. Unprimed events refuse staff. */
  allows(claims: TokenClaims): boolean;
  /** Drops this event's cached links here and on every other server (after a link changed). */
  changed(eventId: string): void;
  /** The signer whose verify also applies `allows`. */
  checking(signer: TokenSigner): TokenSigner;
}

/** The link a staff session belongs to: tokens from before link ids count as the main link of their role. */
export function linkOfClaims(claims: TokenClaims): { link: string; gen: number } {
  const fallback = claims.role === 'organiser' ? mainLinkIds.organiser : mainLinkIds.facilitator;
  return { link: claims.link ?? fallback, gen: claims.gen ?? 0 };
}

export function createLinkGuard(store: Pick<LinkStore, 'listLinks'>, bus: ClusterBus = soloBus(), now: () => number = Date.now): LinkGuard {
  const entries = new Map<string, Entry>();
  // An entry is kept (not dropped) when links change, so requests already past their prime are not refused.
  const markChanged = (eventId: string) => {
    const entry = entries.get(eventId);
    if (!entry) return;
    entry.version++;
    entry.loadedAt = 0;
  };
  void bus.subscribe(linksChannel, (payload) => markChanged(Buffer.from(payload).toString('utf8')));

  const entryFor = (eventId: string): Entry => {
    let entry = entries.get(eventId);
    if (entry) return entry;
    // Long-idle events are dropped as others arrive, so the cache stays the size of what is in use.
    if (entries.size >= 1000) for (const [id, old] of entries) if (!old.loading && now() - old.loadedAt > 10 * linkCacheMs) entries.delete(id);
    entry = { live: null, loadedAt: 0, version: 0 };
    entries.set(eventId, entry);
    return entry;
  };
  const fresh = (entry: Entry) => entry.live !== null && entry.loadedAt > 0 && now() - entry.loadedAt < linkCacheMs;
  const load = async (eventId: string, entry: Entry) => {
    const version = entry.version;
    const links = await store.listLinks(eventId);
    entry.live = new Map(links.filter((link) => link.revokedAt === null).map((link) => [link.id, link.generation]));
    if (entry.version === version) entry.loadedAt = now();
  };

  const guard: LinkGuard = {
    async prime(eventId) {
      const entry = entryFor(eventId);
      while (!fresh(entry)) {
        entry.loading ??= load(eventId, entry).finally(() => {
          entry.loading = undefined;
        });
        await entry.loading;
      }
    },
    allows(claims) {
      if (claims.role === 'participant') return true;
      const live = entries.get(claims.eventId)?.live;
      if (!live) return false;
      const { link, gen } = linkOfClaims(claims);
      return live.get(link) === gen;
    },
    changed(eventId) {
      markChanged(eventId);
      if (bus.clustered) bus.publish(linksChannel, Buffer.from(eventId, 'utf8'));
    },
    checking(signer) {
      return {
        sign: (claims) => signer.sign(claims),
        verify(token) {
          const claims = signer.verify(token);
          return claims && guard.allows(claims) ? claims : null;
        },
        revoked(token) {
          const claims = signer.verify(token);
          return claims !== null && !guard.allows(claims);
        },
      };
    },
  };
  return guard;
}
