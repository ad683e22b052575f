import type { Socket } from 'socket.io-client';
import { namesLockedMessage, namesModeOf } from '../../../shared/namesMode';
import type { RoomOverview } from '../../../shared/overview';
import type { EventInfo } from '../../../shared/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { NamesModeChoice } from '../ui/NamesModeChoice';
import { useCommand } from './useCommand';

/** The names setting on the control panel: changeable until the first participant joins (the server decides). */
export function NamesSetting({ socket, event, rooms }: { socket: Socket | null; event: EventInfo; rooms: RoomOverview[] }) {
  const { run, error } = useCommand(socket);
  const joined = rooms.some((room) => room.participants.length > 0);
  return (
    <section className="panel stack" aria-labelledby="names-heading">
      <h2 id="names-heading">Names</h2>
      <NamesModeChoice value={namesModeOf(event)} onChange={(mode) => void run('names:set', { mode })} lockedReason={joined ? namesLockedMessage : null} />
      <ErrorMessage message={error} />
    </section>
  );
}
