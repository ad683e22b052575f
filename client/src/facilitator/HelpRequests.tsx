import type { Socket } from 'socket.io-client';
import type { HelpRequest } from '../../../shared/control';
import type { Room } from '../../../shared/types';
import { useCommand } from './useCommand';

export function HelpRequests({ socket, help, rooms }: { socket: Socket | null; help: HelpRequest[]; rooms: Room[] }) {
  const { run } = useCommand(socket);
  const open = help.filter((h) => h.status === 'open');
  return (
    <section className="panel stack" aria-labelledby="help-heading">
      <h2 id="help-heading">Help requests ({open.length})</h2>
      <div aria-live="polite">
        {open.length === 0 ? (
          <p className="empty">Nobody is waiting for help.</p>
        ) : (
          <ul className="help-list">
            {open.map((h) => (
              <li key={h.id}>
                <strong>{h.name}</strong> in {rooms.find((r) => r.id === h.roomId)?.topic ?? 'a removed room'} ·{' '}
                {new Date(h.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}
                <button type="button" className="small" onClick={() => void run('help:resolve', { helpId: h.id })}>
                  Mark handled<span className="visually-hidden"> for {h.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
