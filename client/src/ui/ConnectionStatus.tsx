import type { ConnectionState } from '../yjs/hooks';

const text: Record<ConnectionState, string> = {
  online: 'Connected — changes are shared live',
  connecting: 'Connecting…',
  offline: 'Offline — your changes are kept on this device and will be sent when the connection is back',
};

/** "3 changes not sent yet", or '' when everything made here has reached the server. */
export function unsentText(count: number): string {
  if (count <= 0) return '';
  return count === 1 ? '1 change not sent yet' : `${count} changes not sent yet`;
}

/**
 * The connection line. It is a polite live region (role="status"), so a screen reader hears each change; it
 * says "shared live" only while the socket is up, synced and answering (yjs/heartbeat.ts).
 */
export function ConnectionStatus({ state, unsent = 0 }: { state: ConnectionState; unsent?: number }) {
  // While live, changes are acknowledged within a second: a count then means something waits unusually long.
  const pending = unsentText(unsent);
  return (
    <p className={`connection connection-${state}`} role="status" data-state={state}>
      <span className="dot" aria-hidden="true" />
      <span>
        {text[state]}
        {pending && <span className="connection-unsent"> · {pending}</span>}
      </span>
    </p>
  );
}
