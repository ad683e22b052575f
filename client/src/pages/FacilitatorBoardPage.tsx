import { useEffect, useState } from 'react';
import { namesModeOf, presenceUser } from '../../../shared/namesMode';
import { boardDocName } from '../../../shared/docNames';
import { Board } from '../board/Board';
import { useHiddenCardTexts } from '../board/useHiddenCardTexts';
import { runCommand } from '../control/socket';
import { useStaffControl } from '../facilitator/useStaffControl';
import { useSession } from '../state/sessionStore';
import { ChangesRefused } from '../ui/ChangesRefused';
import { ConnectionEnded } from '../ui/ConnectionEnded';
import { DocStatusLine } from '../ui/DocStatusLine';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';
import { PresenceList } from '../ui/PresenceList';
import { showUndoToast } from '../ui/undoToasts';
import type { DocStatus } from '../yjs/docStatus';
import { usePresence } from '../yjs/hooks';
import { useDocConnection } from '../yjs/useDocConnection';
import type { DocConnection } from '../yjs/connectDoc';
import type { Card, EventInfo } from '../../../shared/types';
import type { Me } from '../state/sessionStore';

/** A facilitator inside one room's board: scribing for people who cannot type, and moderating. */
export function FacilitatorBoardPage({ eventId, roomId }: { eventId: string; roomId: string }) {
  const { event, me, error, load } = useSession();
  useEffect(() => {
    void load(eventId);
  }, [eventId, load]);
  const { connection, status, reload } = useDocConnection(event ? boardDocName(event.id, roomId) : null);
  // Closed for good (room removed, event deleted, session ended): say so and point back, never retry.
  const ended = status.status === 'ended' || status.status === 'moved' ? status.reason : null;
  if (ended) {
    const back = me?.role === 'organiser' ? { href: `/summary/${eventId}`, label: 'Back to the summary' } : { href: `/facilitate/${eventId}`, label: 'Back to the control panel' };
    return (
      <Layout title="Board">
        <ConnectionEnded reason={ended} audience="staff">
          {ended !== 'eventDeleted' && ended !== 'unauthorized' && (
            <p>
              <a href={back.href}>{back.label}</a>
            </p>
          )}
        </ConnectionEnded>
      </Layout>
    );
  }
  if (error || (me && me.role === 'participant')) {
    return (
      <Layout title="Board">
        <ErrorMessage message={error?.message ?? 'Only facilitators can open other rooms’ boards.'} />
      </Layout>
    );
  }
  if (!event || !me || !connection) {
    return (
      <Layout title="Board">
        <p role="status">Loading the board…</p>
      </Layout>
    );
  }
  return <StaffBoard event={event} me={me} roomId={roomId} connection={connection} status={status} reload={reload} />;
}

interface StaffBoardProps {
  event: EventInfo;
  me: Me;
  roomId: string;
  connection: DocConnection;
  status: DocStatus;
  reload(): Promise<void>;
}

function StaffBoard({ event, me, roomId, connection, status, reload }: StaffBoardProps) {
  const presence = usePresence(connection.provider);
  // Organisers too: they read hidden cards' texts through the same command socket.
  const control = useStaffControl(event.id, true);
  const hiddenTexts = useHiddenCardTexts(control.socket, roomId, connection.doc);
  const [present, setPresent] = useState(() => new URLSearchParams(location.search).has('present'));
  const room = event.rooms.find((r) => r.id === roomId);
  const roomTotals = control.rooms.find((r) => r.roomId === roomId)?.voteTotals;
  const totals = roomTotals && Object.keys(roomTotals).length > 0 ? roomTotals : null;
  const refused = status.status === 'refused' ? status.reason : null;
  const canWrite = me.role === 'facilitator' && !refused;
  // A refusal rejects, and the board shows it at the card; hiding offers Undo (Show) rather than asking first.
  const toggleHidden = async (card: Card) => {
    const socket = control.socket;
    if (!socket) throw new Error('Not connected to the server yet. Try again in a moment.');
    const target = { roomId, cardId: card.id };
    if (card.hidden) return runCommand(socket, 'card:show', target);
    await runCommand(socket, 'card:hide', target);
    showUndoToast('Card hidden from participants', () => runCommand(socket, 'card:show', target));
  };
  const namesMode = namesModeOf(event);
  useEffect(() => {
    connection.provider.awareness.setLocalStateField('user', presenceUser(namesMode, me));
  }, [connection, me, namesMode]);
  useEffect(() => {
    document.documentElement.classList.toggle('present-mode', present);
    return () => document.documentElement.classList.remove('present-mode');
  }, [present]);

  return (
    <Layout
      wide
      title={room?.topic ?? 'Board'}
      subtitle={
        <>
          {event.title} · <a href={me.role === 'facilitator' ? `/facilitate/${event.id}` : `/summary/${event.id}`}>Back</a>
        </>
      }
      aside={
        <>
          <DocStatusLine status={status} />
          <button type="button" className="small ghost" aria-pressed={present} onClick={() => setPresent(!present)}>
            Present view
          </button>
        </>
      }
    >
      {refused && <ChangesRefused reason={refused} what="board" onReload={reload} />}
      <div className={present ? 'present-board' : 'board-layout'}>
        {!present && (
          <aside className="board-side">
            <PresenceList people={presence} namesMode={namesMode} />
            {canWrite && <p className="hint">You can write here as a scribe, and hide or delete cards. Everyone sees changes at once.</p>}
          </aside>
        )}
        <Board
          doc={connection.doc}
          provider={connection.provider}
          boardKey={`${event.id}:${roomId}:staff`}
          questions={event.questions}
          me={me}
          canWrite={canWrite && !present}
          canModerate={canWrite && !present}
          namesMode={namesMode}
          voting={totals ? { mine: {}, totals, canVote: false, onVote: () => undefined } : undefined}
          // Never on the big screen: hidden cards are for staff eyes only.
          hidden={present ? undefined : { texts: hiddenTexts, ...(canWrite ? { onToggle: toggleHidden } : {}) }}
        />
      </div>
    </Layout>
  );
}
