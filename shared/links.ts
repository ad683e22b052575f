import { z } from 'zod';
import { lineTextSchema } from './schemas';
import type { Role } from './types';

// Event links: the secret facilitator and organiser links, and extra named co-facilitator links.
// The server keeps only a hash of each key; the browser that created or opened a link keeps the link.

export type LinkRole = Exclude<Role, 'participant'>;

/** The two links every event is created with; they can be regenerated but never removed. */
export const mainLinkIds = { facilitator: 'facilitator', organiser: 'organiser' } as const satisfies Record<LinkRole, string>;

export const linkLimits = {
  /** Co-facilitator links an event may have at once (revoked ones do not count). */
  extraLinksPerEvent: 20,
  labelChars: 60,
} as const;

/** A link as the Invite panel lists it: never its key (the server does not have it). */
export interface EventLinkInfo {
  id: string;
  role: LinkRole;
  /** "" for the main links; a co-facilitator's name otherwise. */
  label: string;
  main: boolean;
  createdAt: string;
  /** When the link was last opened (exchanged for a session); null if never. */
  lastUsedAt: string | null;
}

export interface EventLinksView {
  links: EventLinkInfo[];
  /** The link this session was opened with (null for a session from before links had ids). */
  mine: string | null;
  participant: { url: string; joinCode: string };
}

/** A link the server just made: its one chance to hand out the key. */
export interface IssuedLink {
  link: EventLinkInfo;
  url: string;
}

export const linkIdSchema = z.string().regex(/^(facilitator|organiser|c[a-z0-9]{8})$/, 'Not a valid link id.');

export const newLinkSchema = z.strictObject({
  // A name, so the names' positive rule: visible characters, no controls or direction overrides.
  label: lineTextSchema({ maxChars: linkLimits.labelChars, what: 'Link names', required: true, missing: 'Give the link a name, such as the co-facilitator’s name.' }),
});

export function isMainLink(id: string): boolean {
  return id === mainLinkIds.facilitator || id === mainLinkIds.organiser;
}

/**
 * Who may manage which link. Facilitators manage facilitator links (the main one and co-facilitators');
 * organisers own the event, so they manage every link, the facilitator ones included.
 */
export function mayManageLink(actor: Role, link: LinkRole): boolean {
  if (actor === 'organiser') return true;
  return actor === 'facilitator' && link === 'facilitator';
}

/** The page a link opens: the control panel for facilitators, the summary for organisers. */
export function linkUrl(baseUrl: string, eventId: string, role: LinkRole, key: string): string {
  return `${baseUrl}/${role === 'facilitator' ? 'facilitate' : 'summary'}/${eventId}#key=${key}`;
}

/** How the panel names a link. */
export function linkTitle(link: Pick<EventLinkInfo, 'role' | 'label' | 'main'>): string {
  if (link.main) return link.role === 'facilitator' ? 'Facilitator link' : 'Organiser link';
  return `Co-facilitator: ${link.label}`;
}
