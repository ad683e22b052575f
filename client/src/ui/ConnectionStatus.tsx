import type { ConnectionState } from '../yjs/hooks';

const text: Record<ConnectionState, string> = {
  online: 'Connected — changes are shared live',
  connecting: 'Connecting…',
  offline: 'Offline — your changes are kept on this device and will sync when the connection returns',
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <p className={`connection connection-${state}`} role="status" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {text[state]}
    </p>
  );
}
