import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { boardDocName } from '../../../shared/docNames';
import { phaseLabels } from '../../../shared/control';
import { namesModeOf, presenceUser } from '../../../shared/namesMode';
import type { EventInfo } from '../../../shared/types';
import { Board } from '../board/Board';
import { BroadcastBanner } from '../control/BroadcastBanner';
import { CommandFailed, runCommand } from '../control/socket';
import { TimerDisplay } from '../control/TimerDisplay';
import { useParticipantControl, type ParticipantControl } from '../control/useParticipantControl';
import { leaveEvent } from '../state/leaveEvent';
import { navigate } from '../router';
import { useSession, type Me } from '../state/sessionStore';
import { ChangesRefused } from '../ui/ChangesRefused';
import { ConnectionEnded } from '../ui/ConnectionEnded';
import { DocStatusLine } from '../ui/DocStatusLine';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';
import { PresenceList } from '../ui/PresenceList';
import type { DocConnection } from '../yjs/connectDoc';
import type { DocStatus } from '../yjs/docStatus';
import { usePresence } from '../yjs/hooks';
import { useDocConnection } from '../yjs/useDocConnection';
import { useFollowMove, useMoveNotice } from '../yjs/useFollowMove';

/** A participant's own room board, following the facilitator's phase, timer, locks, messages and moves. */
export function BoardPage({ eventId }: { eventId: string }) {
  const { event, me, error, load } = useSession();
  useEffect(() => {
    void load(eventId);
  }, [eventId, load]);
  const [control, setControl] = useParticipantControl(
    eventId,
    () => void load(eventId),
    (info) => useSession.setState({ event: info }),
  );
  const roomId = me?.roomId ?? null;
  const { connection, status, reconnect, reload } = useDocConnection(event && roomId ? boardDocName(event.id, roomId) : null);
  const refetch = useCallback(async () => {
    await load(eventId);
    return useSession.getState().me?.roomId ?? null;
  }, [eventId, load]);
  useFollowMove(status, refetch, roomId, reconnect);
  const movedNotice = useMoveNotice(event, roomId);
  const ended = status.status === 'ended' ? status.reason : null;
  useEffect(() => {
    // The event is erased on the server: unfinished card drafts on this device go too.
    if (ended === 'eventDeleted') forgetDrafts(eventId);
  }, [ended, eventId]);

  let page: ReactNode;
  if (ended) {
    page = (
      <Layout title="Board">
        <ConnectionEnded reason={ended} audience="participant">
          {ended === 'unauthorized' && (
            <p>
              <a href="/">Go to the join page</a>
            </p>
          )}
        </ConnectionEnded>
      </Layout>
    );
  } else if (error) {
    page = (
      <Layout title="Board">
        <ErrorMessage message={error.message} />
        <p>
          <a href="/">Join with a code</a>
        </p>
      </Layout>
    );
  } else if (event && me && !roomId) {
    page = (
      <Layout title="Waiting for a room">
        <p role="status">The facilitator has not put you in a room yet. Your board opens here as soon as they do.</p>
      </Layout>
    );
  } else if (!event || !me || !connection || !roomId) {
    page = (
      <Layout title="Board">
        <p role="status">Loading your board…</p>
      </Layout>
    );
  } else {
    page = (
      <LiveBoard
        event={event}
        me={me}
        roomId={roomId}
        connection={connection}
        status={status}
        reload={reload}
        movedNotice={movedNotice}
        control={control}
        setControl={setControl}
      />
    );
  }
  return (
    <>
      {page}
      {/* Outside the page states, so it is in place before a move is announced (live regions that arrive with their text are often not read). */}
      <p className="visually-hidden" role="status">
        {movedNotice}
      </p>
    </>
  );
}

function forgetDrafts(eventId: string): void {
  for (const key of Object.keys(localStorage)) if (key.startsWith(`draft:${eventId}:`)) localStorage.removeItem(key);
}

interface LiveBoardProps {
  event: EventInfo;
  me: Me;
  roomId: string;
  connection: DocConnection;
  status: DocStatus;
  reload(): Promise<void>;
  movedNotice: string | null;
  control: ParticipantControl;
  setControl: (update: (s: ParticipantControl) => ParticipantControl) => void;
}

function LiveBoard({ event, me, roomId, connection, status, reload, movedNotice, control, setControl }: LiveBoardProps) {
  const presence = usePresence(connection.provider);
  const [paused, setPaused] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const namesMode = namesModeOf(event);
  useEffect(() => {
    // The server stamps the real identity on presence anyway; setting it here shows "you" at once. Where names
    // are not shown the state carries none (the server refuses a named one).
    connection.provider.awareness.setLocalStateField('user', presenceUser(namesMode, me));
  }, [connection, me, namesMode]);
  const room = event.rooms.find((r) => r.id === roomId);
  const view = control.view;
  const refused = status.status === 'refused' ? status.reason : null;
  // After a refusal anything typed here would be lost on reload: the board is kept to read and copy from.
  const canWrite = (view?.canWrite ?? true) && !refused;
  const socket = control.socket;

  const act = async (fn: () => Promise<void>) => {
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(e instanceof CommandFailed ? e.message : String(e));
    }
  };
  const vote = (cardId: string, delta: 1 | -1) =>
    act(async () => {
      if (!socket) return;
      const result = await runCommand<'vote:cast', { myVotes: Record<string, number>; votesLeft: number }>(socket, 'vote:cast', { cardId, delta });
      setControl((s) => ({ ...s, ...result }));
    });
  const toggleHelp = () =>
    act(async () => {
      if (!socket) return;
      if (control.myHelp) {
        await runCommand(socket, 'help:cancel');
        setControl((s) => ({ ...s, myHelp: null }));
      } else {
        const help = await runCommand<'help:request', ParticipantControl['myHelp']>(socket, 'help:request');
        setControl((s) => ({ ...s, myHelp: help }));
      }
    });

  return (
    <Layout
      wide
      title={room?.topic ?? 'Your room'}
      subtitle={
        <>
          {event.title} · {namesMode === 'anonymous' ? 'you take part anonymously' : <>you are <strong>{me.name}</strong></>}
        </>
      }
      aside={<DocStatusLine status={status} />}
    >
      {movedNotice && <p className="notice">{movedNotice}</p>}
      {refused && <ChangesRefused reason={refused} what="board" onReload={reload} />}
      <BroadcastBanner broadcasts={view?.broadcasts ?? []} />
      <div className="session-bar" aria-label="Session">
        <p className="phase" data-phase={view?.phase}>
          <span className="hint">Stage:</span> <strong>{view ? phaseLabels[view.phase] : '…'}</strong>
        </p>
        <TimerDisplay timer={view?.timer ?? null} />
        {view?.voting.open && (
          <p className="voting-status" role="status">
            Voting is open: you have <strong>{control.votesLeft}</strong> of {view.voting.votesPerPerson} votes left.
          </p>
        )}
        <button type="button" className={control.myHelp ? 'secondary' : ''} onClick={() => void toggleHelp()} aria-pressed={!!control.myHelp}>
          {control.myHelp ? 'Help is on the way — cancel request' : 'Ask for help'}
        </button>
      </div>
      <ErrorMessage message={actionError} />
      {view && !canWrite && (
        <p className="notice" role="status">
          {view.locked
            ? 'The facilitator has locked this board. You can still read it; anything you type is kept and shared when it is unlocked.'
            : `The workshop is at the ${phaseLabels[view.phase].toLowerCase()} stage: the board is read-only now.`}
        </p>
      )}
      {view?.phase === 'welcome' && event.introduction && (
        <section className="panel welcome" aria-labelledby="welcome-heading">
          <h2 id="welcome-heading">Welcome</h2>
          <p>{event.introduction}</p>
        </section>
      )}
      <div className="board-layout">
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
          voting={
            view && (view.voting.open || control.totals)
              ? { mine: control.myVotes, totals: control.totals, canVote: view.voting.open, onVote: (cardId, delta) => void vote(cardId, delta) }
              : undefined
          }
        />
      </div>
    </Layout>
  );
}
