import { clearDocument } from 'y-indexeddb';
import { api } from '../api';

/**
 * Leaves the event on this device: the session cookie is cleared on the server, and the copies of
 * boards and drafts kept in this browser are deleted, so the next person on a shared laptop sees none.
 */
export async function leaveEvent(eventId: string, docNames: string[]): Promise<void> {
  await api('DELETE', `/api/events/${eventId}/session`);
  await Promise.all(docNames.map((name) => clearDocument(`roundtable:${name}`)));
  for (const key of Object.keys(localStorage)) if (key.startsWith(`draft:${eventId}:`)) localStorage.removeItem(key);
}
