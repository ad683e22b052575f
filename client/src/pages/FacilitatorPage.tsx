import { useEffect } from 'react';
import { phaseLabels } from '../../../shared/control';
import { EventDetailsForm } from '../eventDetails/EventDetailsForm';
import { HelpRequests } from '../facilitator/HelpRequests';
import { JoinInfo } from '../facilitator/JoinInfo';
import { NamesSetting } from '../facilitator/NamesSetting';
import { PeopleAndRooms } from '../facilitator/PeopleAndRooms';
import { RoomsOverview } from '../facilitator/RoomsOverview';
import { SessionControls } from '../facilitator/SessionControls';
import { useKeyExchange } from '../facilitator/useKeyExchange';
import { useStaffControl } from '../facilitator/useStaffControl';
import { QuestionsSection } from '../questions/QuestionsSection';
import { useSession } from '../state/sessionStore';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';

/** The facilitator's control panel: every room live, and every control for the day. */
export function FacilitatorPage({ eventId }: { eventId: string }) {
  const exchange = useKeyExchange(eventId);
  const { me, error, load } = useSession();
  useEffect(() => {
    if (exchange.ready) void load(eventId);
  }, [exchange.ready, eventId, load]);
  const isStaff = me?.role === 'facilitator';
  const control = useStaffControl(eventId, exchange.ready && isStaff);

  const problem = exchange.error ?? error?.message ?? (me && !isStaff ? 'This page is for facilitators. Open the facilitator link you were given.' : null);
  if (problem) {
    return (
      <Layout title="Control panel">
        <ErrorMessage message={problem} />
      </Layout>
    );
  }
  const { event, state, rooms, socket } = control;
  if (!event || !state) {
    return (
      <Layout title="Control panel">
        <p role="status">Loading the control panel…</p>
      </Layout>
    );
  }
  return (
    <Layout
      wide
      title={event.title}
      subtitle={
        <>
          Control panel · stage: <strong>{phaseLabels[state.phase]}</strong> · {control.connected ? 'live' : 'reconnecting…'}
        </>
      }
      aside={
        <a className="button secondary" href={`/summary/${event.id}`}>
          Summary
        </a>
      }
    >
      <div className="control-layout">
        <div className="control-main">
          <RoomsOverview socket={socket} event={event} rooms={rooms} />
          <PeopleAndRooms socket={socket} event={event} rooms={rooms} />
          <QuestionsSection socket={socket} event={event} rooms={rooms} />
          <EventDetailsForm socket={socket} event={event} />
          <NamesSetting socket={socket} event={event} rooms={rooms} />
        </div>
        <div className="control-side">
          <HelpRequests socket={socket} help={state.help} rooms={event.rooms} />
          <SessionControls socket={socket} state={state} rooms={event.rooms} />
          <JoinInfo joinCode={event.joinCode} />
        </div>
      </div>
    </Layout>
  );
}
