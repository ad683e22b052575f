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

/** Facilitator messages stay on screen until the reader dismisses them (remembered on this device). */
export function BroadcastBanner({ broadcasts }: { broadcasts: Broadcast[] }) {
  const [dismissed, setDismissed] = useState(loadDismissed);
  const showing = broadcasts.filter((b) => !dismissed.has(b.id));
  const dismiss = (id: string) => {
    const next = new Set(dismissed).add(id);
    setDismissed(next);
    localStorage.setItem(dismissedKey, JSON.stringify([...next].slice(-100)));
  };
  return (
    <div className="broadcasts" aria-live="polite">
      {showing.map((b) => (
        <div key={b.id} className="broadcast" role="note" aria-label="Message from the facilitator">
          <p>
            <strong>Message from the facilitator:</strong> {b.text}
          </p>
          <button type="button" className="small secondary" onClick={() => dismiss(b.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
