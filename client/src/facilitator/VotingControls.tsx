import { useId, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { RoomVoting } from '../../../shared/activity';
import type { ControlState } from '../../../shared/control';
import type { Room } from '../../../shared/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useCommand } from './useCommand';

/** Dot-voting: open or close it, reveal totals, and how far each room has got while it is open. */
export function VotingControls({ socket, state, rooms, progress }: { socket: Socket | null; state: ControlState; rooms: Room[]; progress: RoomVoting[] }) {
  const { run, error } = useCommand(socket);
  const [votes, setVotes] = useState(state.voting.votesPerPerson);
  const id = useId();
  return (
    <section className="panel stack" aria-labelledby="voting-heading">
      <h2 id="voting-heading">Dot-voting</h2>
      <p className="hint">
        {state.voting.open ? 'Voting is open.' : 'Voting is closed.'} {state.voting.revealed ? 'Totals are shown to rooms.' : 'Totals are hidden from rooms.'}
      </p>
      <div className="row">
        <label htmlFor={id}>Votes per person</label>
        <input id={id} type="number" min={1} max={20} value={votes} onChange={(e) => setVotes(Number(e.target.value))} className="narrow-input" />
        {state.voting.open ? (
          <button type="button" onClick={() => void run('voting:set', { open: false })}>
            Close voting
          </button>
        ) : (
          <button type="button" onClick={() => void run('voting:set', { open: true, votesPerPerson: votes })}>
            Open voting
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void run('voting:set', { open: state.voting.open, revealed: !state.voting.revealed })}>
          {state.voting.revealed ? 'Hide totals from rooms' : 'Reveal totals to rooms'}
        </button>
      </div>
      <ErrorMessage message={error} />
      {state.voting.open && (
        <table className="voting-progress">
          <caption>Voting progress</caption>
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Votes used</th>
            </tr>
          </thead>
          <tbody>
            {progress.map((p) => {
              const topic = rooms.find((r) => r.id === p.roomId)?.topic ?? p.roomId;
              return (
                <tr key={p.roomId}>
                  <th scope="row">{topic}</th>
                  <td>
                    <progress max={Math.max(1, p.allowance)} value={p.used} aria-label={`Votes used in ${topic}`} /> {p.used} of {p.allowance}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
