import type { Origin } from './summaryModel';

interface Drafted {
  id: string;
  edited: boolean;
  origin: Origin;
  /** Themes: an accepted one is the facilitator's even if its wording was not touched. */
  status?: string;
}

/**
 * Re-drafting a list facilitators may have shaped (themes, actions): items they edited, accepted or added
 * stay where they were (refreshed, e.g. to drop hidden cards); untouched drafted items are replaced
 * by their fresh version or dropped if no longer drafted; new drafted items are appended unless a
 * facilitator dismissed them.
 */
export function reconcileDrafted<T extends Drafted>(
  previous: readonly T[],
  fresh: readonly T[],
  dismissedIds: readonly string[],
  refreshKept: (item: T) => T,
): T[] {
  const freshById = new Map(fresh.map((item) => [item.id, item]));
  const kept = previous.flatMap((item): T[] => {
    if (item.edited || item.origin === 'facilitator' || item.status === 'accepted') return [refreshKept(item)];
    const update = freshById.get(item.id);
    return update ? [update] : [];
  });
  const present = new Set(kept.map((item) => item.id));
  const dismissed = new Set(dismissedIds);
  return [...kept, ...fresh.filter((item) => !present.has(item.id) && !dismissed.has(item.id))];
}
