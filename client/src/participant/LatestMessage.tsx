import { useState } from 'react';
import type { Broadcast } from '../../../shared/control';

const dismissedKey = 'roundtable:dismissedBroadcasts';

function loadDismissed(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(dismissedKey) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

/**
 * The facilitator's latest message of this stage (the server leaves out earlier stages'), until the reader
 * dismisses it (remembered on this device). The live region is always there, so a new message is read out.
 */
export function LatestMessage({ broadcasts }: { broadcasts: readonly Broadcast[] }) {
  const [dismissed, setDismissed] = useState(loadDismissed);
  const latest = broadcasts.at(-1);
  const showing = latest && !dismissed.has(latest.id) ? latest : null;
  const dismiss = (id: string) => {
    const next = new Set(dismissed).add(id);
    setDismissed(next);
    localStorage.setItem(dismissedKey, JSON.stringify([...next].slice(-100)));
  };
  return (
    <div className="latest-message" aria-live="polite">
      {showing && (
        <div className="broadcast" role="note" aria-label="Message from the facilitator">
          <p>
            <strong>Message from the facilitator:</strong> {showing.text}
          </p>
          <button type="button" className="small secondary" onClick={() => dismiss(showing.id)}>
            Dismiss<span className="visually-hidden"> the message</span>
          </button>
        </div>
      )}
    </div>
  );
}
