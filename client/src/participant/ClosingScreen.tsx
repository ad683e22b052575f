import { useId, useState, type ReactNode } from 'react';
import './participant.css';

interface Props {
  eventTitle: string;
  /** Where the organisers published the summary, once there is such a feature; until then they share it themselves. */
  summaryUrl?: string | null;
  /** The room's board, read-only, for those who want to look again. */
  board: ReactNode;
}

/** The Closed stage: thanks, what happens next, the summary when there is one; the board on request. */
export function ClosingScreen({ eventTitle, summaryUrl, board }: Props) {
  const [showBoard, setShowBoard] = useState(false);
  const boardId = useId();
  return (
    <>
      <section className="panel stack closing-screen" aria-labelledby="closing-heading">
        <h2 id="closing-heading">Thank you for taking part</h2>
        <p>“{eventTitle}” has closed. Everything your room wrote is saved.</p>
        <h3>What happens next</h3>
        <p>The facilitators bring together what every room wrote into a summary of the event.</p>
        {summaryUrl ? (
          <p>
            <a href={summaryUrl}>Read the summary</a>
          </p>
        ) : (
          <p>The organisers will share the summary.</p>
        )}
        <p>
          <button type="button" className="secondary" aria-expanded={showBoard} aria-controls={boardId} onClick={() => setShowBoard(!showBoard)}>
            {showBoard ? 'Hide the board' : "Look at your room's board again"}
          </button>
        </p>
      </section>
      <div id={boardId} hidden={!showBoard}>
        {showBoard && board}
      </div>
    </>
  );
}
