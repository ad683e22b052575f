import { useState } from 'react';
import type { CloseReasonName } from '../../../shared/closeCodes';
import { refusedReason } from './closeMessages';

interface Props {
  reason: CloseReasonName;
  /** "board" or "summary": what reloading brings back. */
  what: string;
  onReload(): Promise<void>;
}

/**
 * Shown above a board whose changes the server refused. What the person typed stays on screen so they
 * can copy it; reloading drops this device's copy and fetches the one everyone else sees.
 */
export function ChangesRefused({ reason, what, onReload }: Props) {
  const [reloading, setReloading] = useState(false);
  return (
    <div className="notice changes-refused" role="alert" data-reason={reason}>
      <p>
        Some of your changes could not be saved: {refusedReason(reason)}. Copy anything you want to keep, then reload to get the {what} as
        everyone else sees it.
      </p>
      <button
        type="button"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void onReload().finally(() => setReloading(false));
        }}
      >
        {reloading ? `Reloading the ${what}…` : `Reload the ${what}`}
      </button>
    </div>
  );
}
