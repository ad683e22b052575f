import { useEffect, useState } from 'react';
import { boardDocName } from '../../../shared/docNames';
import { namesModeOf, presenceUser } from '../../../shared/namesMode';
import type { EventInfo } from '../../../shared/types';
import { Board } from '../board/Board';
import { useParticipantControl } from '../control/participantControl';
import { ClosingScreen } from '../participant/ClosingScreen';
import { HelpControl } from '../participant/HelpControl';
import { ReadOnlyNotice } from '../participant/ReadOnlyNotice';
import { SessionHeader } from '../participant/SessionHeader';
import { useBoardPage } from '../participant/useBoardPage';
import { WaitingForRoom } from '../participant/WaitingForRoom';
import { leaveEvent } from '../state/leaveEvent';
import { navigate } from '../router';
import type { Me } from '../state/sessionStore';
import { ChangesRefused } from '../ui/ChangesRefused';
import { ConnectionEnded } from '../ui/ConnectionEnded';
import { DocStatusLine } from '../ui/DocStatusLine';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';
import { PresenceList } from '../ui/PresenceList';
import type { DocConnection } from '../yjs/connectDoc';
import type { DocStatus } from '../yjs/docStatus';
import { usePresence } from '../yjs/hooks';

/** A participant's own room board, following the facilitator's stage, timer, locks, messages and moves. */
export function BoardPage({ eventId }: { eventId: string }) {
  const { page, movedNotice } = useBoardPage(eventId);
  return (
    <>
      {renderPage()}
      {/* Outside the page states, so it is in place before a move is announced (live regions that arrive with their text are often not read). */}
      <p className="visually-hidden" role="status">
        {movedNotice}
      </p>
    </>
  );

  function renderPage() {
    switch (page.status) {
      case 'ended':
        return (
          <Layout title="Board">
            <ConnectionEnded reason={page.reason} audience="participant">
              {page.reason === 'unauthorized' && (
                <p>
                  <a href="/">Go to the join page</a>
                </p>
              )}
            </ConnectionEnded>
          </Layout>
        );
      case 'error':
        return (
          <Layout title="Board">
            <ErrorMessage message={page.message} />
            <p>
              <a href="/">Join with a code</a>
            </p>
          </Layout>
        );
      case 'waiting':
        return <WaitingForRoom event={page.event} />;
      case 'loading':
        return (
          <Layout title="Board">
            <p role="status">Loading your board…</p>
          </Layout>
        );
      case 'ready':
        return <LiveBoard {...page} movedNotice={movedNotice} />;
    }
  }
}

interface LiveBoardProps {
  event: EventInfo;
  me: Me;
  roomId: string;
  connection: DocConnection;
  docStatus: DocStatus;
  reload(): Promise<void>;
  movedNotice: string | null;
}

function LiveBoard({ event, me, roomId, connection, docStatus, reload, movedNotice }: LiveBoardProps) {
  const presence = usePresence(connection.provider);
  const [paused, setPaused] = useState(false);
  const view = useParticipantControl((s) => s.view);
  const myVotes = useParticipantControl((s) => s.myVotes);
  const totals = useParticipantControl((s) => s.totals);
  const vote = useParticipantControl((s) => s.vote);
  const namesMode = namesModeOf(event);
  useEffect(() => {
    // The server stamps the real identity on presence anyway; setting it here shows "you" at once. Where names
    // are not shown the state carries none (the server refuses a named one).
    connection.provider.awareness.setLocalStateField('user', presenceUser(namesMode, me));
  }, [connection, me, namesMode]);
  const room = event.rooms.find((r) => r.id === roomId);
  const refused = docStatus.status === 'refused' ? docStatus.reason : null;
  // After a refusal anything typed here would be lost on reload: the board is kept to read and copy from.
  const canWrite = (view?.canWrite ?? true) && !refused;
  const closed = view?.phase === 'closed';

  const board = (
    <div className="board-layout participant-board">
      <aside className="board-side">
        <PresenceList people={presence} namesMode={namesMode} />
        <button type="button" className="small ghost" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume live updates' : 'Pause live updates'}
        </button>
        <button
          type="button"
          className="small ghost"
          onClick={async () => {
            if (!window.confirm('Leave this workshop on this computer? Your cards stay on the board; this computer forgets you.')) return;
            connection.destroy();
            await leaveEvent(event.id, [boardDocName(event.id, roomId)]);
            navigate('/', { replace: true });
          }}
        >
          Leave on this computer
        </button>
      </aside>
      <Board
        doc={connection.doc}
        provider={connection.provider}
        boardKey={`${event.id}:${roomId}`}
        questions={event.questions}
        me={me}
        canWrite={canWrite}
        canModerate={false}
        paused={paused}
        namesMode={namesMode}
        voting={view && (view.voting.open || totals) ? { mine: myVotes, totals, canVote: view.voting.open, onVote: vote } : undefined}
      />
    </div>
  );

  return (
    <Layout
      wide
      title={room?.topic ?? 'Your room'}
      subtitle={
        <>
          {event.title} · {namesMode === 'anonymous' ? 'you take part anonymously' : <>you are <strong>{me.name}</strong></>}
        </>
      }
      aside={<DocStatusLine status={docStatus} />}
    >
      <SessionHeader />
      {movedNotice && <p className="notice">{movedNotice}</p>}
      {refused && <ChangesRefused reason={refused} what="board" onReload={reload} />}
      {closed ? (
        <ClosingScreen eventTitle={event.title} board={board} />
      ) : (
        <>
          <HelpControl />
          {view && <ReadOnlyNotice view={view} />}
          {view?.phase === 'welcome' && event.introduction && (
            <section className="panel welcome" aria-labelledby="welcome-heading">
              <h2 id="welcome-heading">Welcome</h2>
              <p>{event.introduction}</p>
            </section>
          )}
          {board}
        </>
      )}
    </Layout>
  );
}
