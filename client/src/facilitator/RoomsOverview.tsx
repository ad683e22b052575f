import type { Socket } from 'socket.io-client';
import type { RoomOverview } from '../../../shared/overview';
import type { EventInfo } from '../../../shared/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useCommand } from './useCommand';

function ago(time: number | null): string {
  if (!time) return 'no activity yet';
  const minutes = Math.round((Date.now() - time) / 60_000);
  return minutes < 1 ? 'active just now' : `last active ${minutes} min ago`;
}

/** Every room at a glance: people, cards per question (as a small chart), activity, locks and help. */
export function RoomsOverview({ socket, event, rooms }: { socket: Socket | null; event: EventInfo; rooms: RoomOverview[] }) {
  const { run, error } = useCommand(socket);
  const most = Math.max(1, ...rooms.flatMap((r) => Object.values(r.cardsByQuestion)));
  const allLocked = rooms.length > 0 && rooms.every((r) => r.locked);
  return (
    <section className="stack" aria-labelledby="rooms-heading">
      <div className="row spread">
        <h2 id="rooms-heading">Rooms</h2>
        <button type="button" className="secondary" onClick={() => void run('lock:set', { roomIds: rooms.map((r) => r.roomId), locked: !allLocked })}>
          {allLocked ? 'Unlock all boards' : 'Lock all boards'}
        </button>
      </div>
      <ErrorMessage message={error} />
      <ul className="room-grid">
        {rooms.map((room) => {
          const online = room.participants.filter((p) => p.online).length;
          return (
            <li key={room.roomId} className={`room-card${room.openHelp ? ' needs-help' : ''}`} aria-labelledby={`room-${room.roomId}`}>
              <h3 id={`room-${room.roomId}`}>{room.topic}</h3>
              <p className="hint">
                {online} of {room.participants.length} people online · {room.cardCount} {room.cardCount === 1 ? 'card' : 'cards'}{room.hiddenCount ? ` (${room.hiddenCount} hidden)` : ''} · {ago(room.lastActivity)}
              </p>
              {room.openHelp > 0 && (
                <p className="help-flag" role="status">
                  {room.openHelp === 1 ? 'Someone is asking for help' : `${room.openHelp} people are asking for help`}
                </p>
              )}
              <table className="mini-chart">
                <caption className="visually-hidden">Cards per question in {room.topic}</caption>
                <tbody>
                  {event.questions.map((q) => {
                    const n = room.cardsByQuestion[q.id] ?? 0;
                    return (
                      <tr key={q.id}>
                        <th scope="row">{q.prompt}</th>
                        <td>
                          <span className="bar" style={{ width: `${(n / most) * 100}%` }} aria-hidden="true" />
                          <span className="bar-value">{n}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <details>
                <summary>People ({room.participants.length})</summary>
                <ul className="people">
                  {room.participants.map((p) => (
                    <li key={p.id}>
                      <span className={`status-dot ${p.online ? 'on' : 'off'}`} aria-hidden="true" />
                      {p.name} <span className="visually-hidden">{p.online ? '(online)' : '(offline)'}</span>
                    </li>
                  ))}
                </ul>
              </details>
              <div className="row">
                <a className="button secondary" href={`/facilitate/${event.id}/room/${room.roomId}`}>
                  Open board<span className="visually-hidden"> for {room.topic}</span>
                </a>
                <button type="button" className="secondary" aria-pressed={room.locked} onClick={() => void run('lock:set', { roomIds: [room.roomId], locked: !room.locked })}>
                  {room.locked ? 'Unlock board' : 'Lock board'}
                  <span className="visually-hidden"> for {room.topic}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
