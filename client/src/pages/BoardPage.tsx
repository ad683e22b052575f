import { useEffect, useState } from 'react';
import { boardDocName } from '../../../shared/docNames';
import { Board } from '../board/Board';
import { useSession } from '../state/sessionStore';
import { ConnectionStatus } from '../ui/ConnectionStatus';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';
import { PresenceList } from '../ui/PresenceList';
import { useConnectionState, usePresence } from '../yjs/hooks';
import { useDocConnection } from '../yjs/useDocConnection';
import type { DocConnection } from '../yjs/connectDoc';
import type { EventInfo } from '../../../shared/types';
import type { Me } from '../state/sessionStore';

/** A participant's own room board. */
export function BoardPage({ eventId }: { eventId: string }) {
  const { event, me, error, load } = useSession();
  useEffect(() => {
    void load(eventId);
  }, [eventId, load]);
  const roomId = me?.roomId ?? null;
  const connection = useDocConnection(event && roomId ? boardDocName(event.id, roomId) : null);

  if (error) {
    return (
      <Layout title="Board">
        <ErrorMessage message={error.message} />
        <p>
          <a href="/">Join with a code</a>
        </p>
      </Layout>
    );
  }
  if (!event || !me || !connection || !roomId) {
    return (
      <Layout title="Board">
        <p role="status">Loading your board…</p>
      </Layout>
    );
  }
  return <LiveBoard event={event} me={me} roomId={roomId} connection={connection} />;
}

function LiveBoard({ event, me, roomId, connection }: { event: EventInfo; me: Me; roomId: string; connection: DocConnection }) {
  const state = useConnectionState(connection.provider);
  const presence = usePresence(connection.provider);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    // The server stamps the real identity on presence anyway; setting it here shows "you" at once.
    connection.provider.awareness.setLocalStateField('user', { id: me.participantId, name: me.name, role: me.role });
  }, [connection, me]);
  const room = event.rooms.find((r) => r.id === roomId);
  return (
    <Layout
      wide
      title={room?.topic ?? 'Your room'}
      subtitle={
        <>
          {event.title} · you are <strong>{me.name}</strong>
        </>
      }
      aside={<ConnectionStatus state={state} />}
    >
      <div className="board-layout">
        <aside className="board-side">
          <PresenceList people={presence} />
          <button type="button" className="small ghost" aria-pressed={paused} onClick={() => setPaused(!paused)}>
            {paused ? 'Resume announcements' : 'Pause announcements'}
          </button>
        </aside>
        <Board
          doc={connection.doc}
          provider={connection.provider}
          boardKey={`${event.id}:${roomId}`}
          questions={event.questions}
          me={me}
          canWrite
          canModerate={me.role === 'facilitator'}
          paused={paused}
        />
      </div>
    </Layout>
  );
}
