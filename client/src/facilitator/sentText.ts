import type { Broadcast } from '../../../shared/control';
import type { Room } from '../../../shared/types';

export const clockTime = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "Sent to all rooms at 14:32" / "Sent to Workforce at 14:32". */
export function sentText(broadcast: Pick<Broadcast, 'roomId' | 'at'>, rooms: readonly Room[]): string {
  const where = broadcast.roomId === null ? 'all rooms' : (rooms.find((r) => r.id === broadcast.roomId)?.topic ?? 'a removed room');
  return `Sent to ${where} at ${clockTime(broadcast.at)}`;
}
