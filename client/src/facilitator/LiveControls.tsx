import { useId, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { phaseLabels, phases, type Broadcast, type ControlState } from '../../../shared/control';
import type { Room } from '../../../shared/types';
import { TimerDisplay } from '../control/TimerDisplay';
import { ErrorMessage } from '../ui/ErrorMessage';
import { sentText } from './sentText';
import { useCommand } from './useCommand';
import './controlPanel.css';

interface Props {
  socket: Socket | null;
  state: ControlState;
  rooms: Room[];
}

/** Stage, timer and message: what a facilitator reaches for all day, at the top of the panel on any screen. */
export function LiveControls({ socket, state, rooms }: Props) {
  return (
    <section className="live-controls panel" aria-labelledby="live-controls-heading">
      <h2 id="live-controls-heading" className="visually-hidden">
        Live controls
      </h2>
      <StageControl socket={socket} state={state} />
      <TimerControl socket={socket} state={state} />
      <MessageControl socket={socket} rooms={rooms} />
    </section>
  );
}

function StageControl({ socket, state }: { socket: Socket | null; state: ControlState }) {
  const { run, error } = useCommand(socket);
  return (
    <fieldset className="live-stage">
      <legend>Stage (everyone's screen follows it)</legend>
      <div className="row segmented">
        {phases.map((phase) => (
          <button key={phase} type="button" className={state.phase === phase ? '' : 'secondary'} aria-pressed={state.phase === phase} onClick={() => void run('phase:set', { phase })}>
            {phaseLabels[phase]}
          </button>
        ))}
      </div>
      <ErrorMessage message={error} />
    </fieldset>
  );
}

function TimerControl({ socket, state }: { socket: Socket | null; state: ControlState }) {
  const { run, error } = useCommand(socket);
  const [minutes, setMinutes] = useState(15);
  const id = useId();
  const timer = state.timer;
  return (
    <fieldset className="live-timer">
      <legend>Timer (all rooms)</legend>
      {timer.status === 'stopped' ? <p className="hint">Not running.</p> : <TimerDisplay timer={timer} />}
      <div className="row">
        <label htmlFor={id}>Minutes</label>
        <input id={id} type="number" min={1} max={360} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className="narrow-input" />
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
      <ErrorMessage message={error} />
    </fieldset>
  );
}

function MessageControl({ socket, rooms }: { socket: Socket | null; rooms: Room[] }) {
  const { run, error, busy } = useCommand(socket);
  const [message, setMessage] = useState('');
  const [target, setTarget] = useState('');
  const [sent, setSent] = useState<Broadcast | null>(null);
  const ids = { message: useId(), target: useId() };
  return (
    <form
      className="live-message stack"
      onSubmit={async (e) => {
        e.preventDefault();
        setSent(null);
        const broadcast = await run<'broadcast:send', Broadcast>('broadcast:send', { text: message, roomId: target || null });
        if (broadcast) {
          setMessage('');
          setSent(broadcast);
        }
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
        <button type="submit" disabled={busy}>
          Send message
        </button>
      </div>
      {/* Said next to the box, politely: the facilitator knows it went, and where. */}
      <p role="status" className="sent-note">
        {sent ? sentText(sent, rooms) : ''}
      </p>
      <ErrorMessage message={error} />
    </form>
  );
}
