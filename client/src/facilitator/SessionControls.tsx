import { useId, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { phaseLabels, phases, type ControlState } from '../../../shared/control';
import type { Room } from '../../../shared/types';
import { TimerDisplay } from '../control/TimerDisplay';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useCommand } from './useCommand';

interface Props {
  socket: Socket | null;
  state: ControlState;
  rooms: Room[];
}

/** Phase, timer, broadcast and voting: the controls a facilitator uses all day. */
export function SessionControls({ socket, state, rooms }: Props) {
  const { run, error } = useCommand(socket);
  const [minutes, setMinutes] = useState(15);
  const [message, setMessage] = useState('');
  const [target, setTarget] = useState('');
  const [votes, setVotes] = useState(state.voting.votesPerPerson);
  const ids = { minutes: useId(), message: useId(), target: useId(), votes: useId() };
  const timer = state.timer;

  return (
    <section className="panel stack" aria-labelledby="session-heading">
      <h2 id="session-heading">Session</h2>
      <fieldset>
        <legend>Stage (everyone's screen follows it)</legend>
        <div className="row segmented">
          {phases.map((phase) => (
            <button
              key={phase}
              type="button"
              className={state.phase === phase ? '' : 'secondary'}
              aria-pressed={state.phase === phase}
              onClick={() => void run('phase:set', { phase })}
            >
              {phaseLabels[phase]}
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Timer (all rooms)</legend>
        <TimerDisplay timer={timer} large />
        <div className="row">
          <label htmlFor={ids.minutes}>Minutes</label>
          <input id={ids.minutes} type="number" min={1} max={360} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className="narrow-input" />
          <button type="button" onClick={() => void run('timer:start', { seconds: Math.round(minutes * 60) })}>
            Start
          </button>
          {timer.status === 'running' && (
            <button type="button" className="secondary" onClick={() => void run('timer:pause', {})}>
              Pause
            </button>
          )}
          {timer.status === 'paused' && (
            <button type="button" className="secondary" onClick={() => void run('timer:resume', {})}>
              Resume
            </button>
          )}
          {timer.status !== 'stopped' && (
            <>
              <button type="button" className="secondary" onClick={() => void run('timer:add', { seconds: 60 })}>
                +1 min
              </button>
              <button type="button" className="secondary" onClick={() => void run('timer:add', { seconds: 300 })}>
                +5 min
              </button>
              <button type="button" className="secondary" onClick={() => void run('timer:stop', {})}>
                Stop
              </button>
            </>
          )}
        </div>
      </fieldset>

      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const sent = await run('broadcast:send', { text: message, roomId: target || null });
          if (sent) setMessage('');
        }}
      >
        <label htmlFor={ids.message}>Message to participants</label>
        <textarea id={ids.message} rows={2} maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
        <div className="row">
          <label htmlFor={ids.target}>Send to</label>
          <select id={ids.target} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">All rooms</option>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.topic}
              </option>
            ))}
          </select>
          <button type="submit">Send message</button>
        </div>
      </form>

      <fieldset>
        <legend>Dot-voting</legend>
        <p className="hint">
          {state.voting.open ? 'Voting is open.' : 'Voting is closed.'} {state.voting.revealed ? 'Totals are shown to rooms.' : 'Totals are hidden from rooms.'}
        </p>
        <div className="row">
          <label htmlFor={ids.votes}>Votes per person</label>
          <input id={ids.votes} type="number" min={1} max={20} value={votes} onChange={(e) => setVotes(Number(e.target.value))} className="narrow-input" />
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
      </fieldset>
      <ErrorMessage message={error} />
      <details>
        <summary>Message history ({state.broadcasts.length})</summary>
        <ul>
          {[...state.broadcasts].reverse().map((b) => (
            <li key={b.id}>
              {new Date(b.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })} — {b.roomId ? rooms.find((r) => r.id === b.roomId)?.topic : 'All rooms'}: {b.text}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
