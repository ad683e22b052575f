import { useState } from 'react';
import { helpNotice, isHelpActive } from '../../../shared/helpRequests';
import { CommandFailed } from '../control/socket';
import { useParticipantControl } from '../control/participantControl';
import { ErrorMessage } from '../ui/ErrorMessage';
import './participant.css';

/**
 * Ask for help, and read where the request stands: sent, seen, on the way, handled. Each step is said in
 * words and announced politely (no sound). Cancelling is possible until the request is handled.
 */
export function HelpControl() {
  const myHelp = useParticipantControl((s) => s.myHelp);
  const requestHelp = useParticipantControl((s) => s.requestHelp);
  const cancelHelp = useParticipantControl((s) => s.cancelHelp);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const active = myHelp !== null && isHelpActive(myHelp);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e instanceof CommandFailed || e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="help-control">
      {active ? (
        <button type="button" className="small secondary" disabled={busy} onClick={() => void run(cancelHelp)}>
          Cancel my help request
        </button>
      ) : (
        <button type="button" className="small" disabled={busy} onClick={() => void run(requestHelp)}>
          Ask for help
        </button>
      )}
      <p className={`help-status${myHelp ? ` help-${myHelp.status}` : ''}`} role="status">
        {myHelp ? helpNotice(myHelp.status) : ''}
      </p>
      <ErrorMessage message={error} />
    </div>
  );
}
