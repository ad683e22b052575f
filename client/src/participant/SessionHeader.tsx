import { useEffect, useRef, useState } from 'react';
import { phaseLabels, type Phase } from '../../../shared/control';
import { TimerDisplay } from '../control/TimerDisplay';
import { useParticipantControl } from '../control/participantControl';
import { LatestMessage } from './LatestMessage';
import './participant.css';

/**
 * Stage, timer and the facilitator's latest message, stuck to the top of the window so they stay in view
 * while the person scrolls the board, at any zoom (issue 15: at 200 % they were off-screen). Kept to a
 * line or two so it never covers much of the board.
 */
export function SessionHeader() {
  const view = useParticipantControl((s) => s.view);
  const votesLeft = useParticipantControl((s) => s.votesLeft);
  const stageNews = useStageAnnouncement(view?.phase ?? null);
  return (
    <section className="session-header" aria-label="Session">
      <p className="phase" data-phase={view?.phase}>
        <span className="hint">Stage:</span> <strong>{view ? phaseLabels[view.phase] : '…'}</strong>
      </p>
      {/* After closing, a countdown left running means nothing to participants. */}
      {view?.phase !== 'closed' && <TimerDisplay timer={view?.timer ?? null} />}
      {view?.voting.open && (
        <p className="voting-status">
          Votes left: <strong>{votesLeft}</strong> of {view.voting.votesPerPerson}
        </p>
      )}
      <LatestMessage broadcasts={view?.broadcasts ?? []} />
      <p className="visually-hidden" role="status">
        {stageNews}
      </p>
    </section>
  );
}

/** "The workshop moved to the Voting stage." when the stage changes while the page is open (not on load). */
function useStageAnnouncement(phase: Phase | null): string {
  const previous = useRef<Phase | null>(null);
  const [news, setNews] = useState('');
  useEffect(() => {
    if (phase && previous.current && previous.current !== phase) setNews(`The workshop moved to the ${phaseLabels[phase]} stage.`);
    previous.current = phase;
  }, [phase]);
  return news;
}
