import { useEffect, useRef, useState } from 'react';
import type { Timer } from '../../../shared/control';
import { formatClock, spokenDuration, useCountdown } from './serverClock';

/** The shared countdown. Screen readers hear it only at the "nearly up" moment, not every second. */
export function TimerDisplay({ timer, large = false }: { timer: Timer | null; large?: boolean }) {
  const { leftMs, nearlyUp, done } = useCountdown(timer);
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef<string>('');
  useEffect(() => {
    const key = `${timer?.endsAt}`;
    if (nearlyUp && announced.current !== key) {
      announced.current = key;
      setAnnouncement(`Time is nearly up: ${spokenDuration(leftMs)} left.`);
    }
    if (done && announced.current !== `${key}-done`) {
      announced.current = `${key}-done`;
      setAnnouncement('Time is up.');
    }
  }, [nearlyUp, done, leftMs, timer]);
  if (!timer || timer.status === 'stopped') return <div className="visually-hidden" aria-live="polite">{announcement}</div>;
  return (
    <div className={`timer${nearlyUp ? ' timer-nearly-up' : ''}${done ? ' timer-done' : ''}${large ? ' timer-large' : ''}`}>
      <span className="timer-label">{timer.status === 'paused' ? 'Timer paused' : done ? 'Time is up' : 'Time left'}</span>
      <span className="timer-clock" role="timer" aria-label={`Time left: ${formatClock(leftMs)}`}>
        {formatClock(leftMs)}
      </span>
      {nearlyUp && <span className="timer-cue">Nearly time — start wrapping up</span>}
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
