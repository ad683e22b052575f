import { namesModeOf } from '../../shared/namesMode';
import type { EventInfo, NamesMode } from '../../shared/types';
import { createKeyedQueue } from '../util/keyedQueue';

// The names setting where it must be read synchronously, and the one queue that orders joins against
// changes of it. Per process: with several servers, a change made on one reaches another server's open
// connections when they reconnect — and a change is only allowed before anyone has joined, when the only
// connections are staff, whose presence names are their role ("Facilitator").

const modes = new Map<string, NamesMode>();

/** Noted whenever an event is read for a Yjs connection, and when names:set changes it. */
export function noteNamesMode(info: Pick<EventInfo, 'id' | 'namesMode'>): void {
  modes.set(info.id, namesModeOf(info));
}

/**
 * The event's setting as last noted. Every Yjs connection is opened after its event was read (and noted),
 * so 'shown' here only stands for an event never read in this process.
 */
export function currentNamesMode(eventId: string): NamesMode {
  return modes.get(eventId) ?? 'shown';
}

export function forgetNamesMode(eventId: string): void {
  modes.delete(eventId);
}

const queue = createKeyedQueue();

/**
 * Joins and changes of the names setting run one at a time per event, so a join cannot read the old
 * setting while a change lands: a name is never stored under an event that has just become anonymous, and
 * nobody joins between the "nobody has joined" check and the change. Anonymous pseudonyms count up safely too.
 */
export function withJoinsOrdered<T>(eventId: string, task: () => Promise<T>): Promise<T> {
  return queue(`joins:${eventId}`, task);
}
