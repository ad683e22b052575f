import type { Room } from './types';

/** The room with the fewest people (first such in room order), for automatic even splits. */
export function leastFullRoom(rooms: readonly Room[], occupancy: ReadonlyMap<string, number>): Room | undefined {
  let best: Room | undefined;
  for (const room of rooms) {
    if (!best || (occupancy.get(room.id) ?? 0) < (occupancy.get(best.id) ?? 0)) best = room;
  }
  return best;
}

/** Spreads people over rooms as evenly as possible, keeping their order (round robin). */
export function evenSplit<T>(people: readonly T[], rooms: readonly Room[]): Map<string, T[]> {
  const split = new Map<string, T[]>(rooms.map((room) => [room.id, []]));
  people.forEach((person, index) => {
    const room = rooms[index % rooms.length];
    if (room) split.get(room.id)?.push(person);
  });
  return split;
}

export function countByRoom(roomIds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of roomIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
