import type { ControlService } from '../../control/controlService';
import type { Store } from '../../store/store';
import type { LiveDocs } from '../../yjs/liveDocs';
import type { YjsEndpoint } from '../../yjs/yjsEndpoint';
import type { Realtime } from '../realtime';
import { CommandError } from '../commandRouter';
import type { EventInfo } from '../../../shared/types';

export interface HandlerDeps {
  store: Store;
  control: ControlService;
  realtime: Realtime;
  liveDocs: LiveDocs;
  yjs: YjsEndpoint;
  /** Serialises read-modify-write work per key. */
  serial<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export async function eventOf(deps: HandlerDeps, eventId: string): Promise<EventInfo> {
  const event = await deps.store.getEvent(eventId);
  if (!event) throw new CommandError('event_not_found', 'This event no longer exists.');
  return event.info;
}

/**
 * Event metadata changes one at a time per event (rooms, joining mode, details), then everyone connected
 * to the event gets the new EventInfo.
 */
export function changeEvent(deps: HandlerDeps, eventId: string, change: (info: EventInfo) => Promise<EventInfo> | EventInfo): Promise<EventInfo> {
  return deps.serial(`event:${eventId}`, async () => {
    const info = await change(await eventOf(deps, eventId));
    await deps.store.updateEventInfo(info);
    deps.realtime.publishEvent(info);
    return info;
  });
}

export function requireRoom(event: EventInfo, roomId: string): void {
  if (!event.rooms.some((r) => r.id === roomId)) throw new CommandError('unknown_room', 'That room does not exist.');
}
