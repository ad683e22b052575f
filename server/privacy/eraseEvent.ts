import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import { boardDocName, summaryDocName } from '../../shared/docNames';
import type { ControlService } from '../control/controlService';
import { eventChannel } from '../socket/socketServer';
import type { Store } from '../store/store';
import { closeReasons } from '../../shared/closeCodes';
import type { LiveDocs } from '../yjs/liveDocs';

export interface EraseDeps {
  store: Store;
  liveDocs: LiveDocs;
  control: ControlService;
  io: Server;
  log: Logger;
}

/**
 * Deletes an event and everything that belongs to it: participants, votes, control state, audit rows,
 * hidden cards' saved texts, the organisation's logo and the event's links (by cascade), every board and the summary document. Live documents are dropped unsaved and their peers
 * closed (4410), socket.io connections of the event are disconnected, and the freed pages are zeroed.
 * Returns false when there was no such event.
 */
export async function eraseEvent(deps: EraseDeps, eventId: string, reason: 'request' | 'retention'): Promise<boolean> {
  const { store, liveDocs } = deps;
  const event = await store.getEvent(eventId);
  if (!event) return false;
  const boardPrefix = `board.${eventId}.`;
  const summary = summaryDocName(eventId);
  // The event row goes first, so no new connection is authorised while the documents are dropped.
  await store.deleteEvent(eventId, [boardPrefix]);
  await store.deleteDoc(summary);
  deps.io.in(eventChannel(eventId)).disconnectSockets(true);
  const names = [...event.info.rooms.map((room) => boardDocName(eventId, room.id)), summary];
  for (const name of names) await liveDocs.discard(name, closeReasons.eventDeleted.code, closeReasons.eventDeleted.reason);
  // A flush in flight when the event row went may have appended again: delete once more.
  await store.deleteEvent(eventId, [boardPrefix]);
  await store.deleteDoc(summary);
  deps.control.forget(eventId);
  await store.purgeDeleted();
  deps.log.info({ eventId, reason }, 'event and all its data deleted');
  return true;
}
