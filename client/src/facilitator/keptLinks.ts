// Secret links kept in the browser that created or opened them, per event: the server keeps only hashes,
// so this is how a facilitator or organiser gets a link again after the key left the address bar.

const storageKey = (eventId: string) => `links:${eventId}`;

export type KeptLinks = Record<string, string>;

export function keptLinks(eventId: string): KeptLinks {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(eventId)) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as KeptLinks) : {};
  } catch {
    return {};
  }
}

function save(eventId: string, links: KeptLinks): void {
  try {
    if (Object.keys(links).length === 0) localStorage.removeItem(storageKey(eventId));
    else localStorage.setItem(storageKey(eventId), JSON.stringify(links));
  } catch {
    // Storage may be full or switched off (private windows): the link still works, it just is not kept.
  }
}

export function keepLink(eventId: string, linkId: string, url: string): void {
  save(eventId, { ...keptLinks(eventId), [linkId]: url });
}

export function forgetLink(eventId: string, linkId: string): void {
  const { [linkId]: _dropped, ...rest } = keptLinks(eventId);
  save(eventId, rest);
}

/** For shared computers: this browser no longer knows any of the event's secret links. */
export function forgetAllLinks(eventId: string): void {
  save(eventId, {});
}
