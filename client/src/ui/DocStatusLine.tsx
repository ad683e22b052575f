import type { DocStatus } from '../yjs/docStatus';
import { ConnectionStatus } from './ConnectionStatus';

/** The header's connection line: live, connecting or offline while syncing; "stopped" once the server ended it. */
export function DocStatusLine({ status }: { status: DocStatus }) {
  switch (status.status) {
    case 'live':
      return <ConnectionStatus state="online" unsent={status.unsent} />;
    case 'connecting':
    case 'offline':
      return <ConnectionStatus state={status.status} unsent={status.unsent} />;
    case 'moved':
      // Only while the page finds out where the person belongs now.
      return <ConnectionStatus state="connecting" />;
    default:
      return (
        <p className="connection connection-stopped" role="status" data-state="stopped">
          <span className="dot" aria-hidden="true" />
          Not connected — see the message on this page
        </p>
      );
  }
}
