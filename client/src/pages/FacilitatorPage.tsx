import { useEffect, useState } from 'react';
import { phaseLabels } from '../../../shared/control';
import { EventDetailsForm } from '../eventDetails/EventDetailsForm';
import { HelpRequests } from '../facilitator/HelpRequests';
import { InvitePanel } from '../facilitator/InvitePanel';
import { JoinInfo } from '../facilitator/JoinInfo';
import { NamesSetting } from '../facilitator/NamesSetting';
import { PeopleAndRooms } from '../facilitator/PeopleAndRooms';
import { EventTotals } from '../facilitator/EventTotals';
import { LiveControls } from '../facilitator/LiveControls';
import { MessageHistory } from '../facilitator/MessageHistory';
import { NeedsAttention } from '../facilitator/NeedsAttention';
import { PeopleActivity } from '../facilitator/PeopleActivity';
import { RoomsOverview } from '../facilitator/RoomsOverview';
import { Tabs } from '../facilitator/Tabs';
import { VotingControls } from '../facilitator/VotingControls';
import { useKeyExchange } from '../facilitator/useKeyExchange';
import { useStaffControl } from '../facilitator/useStaffControl';
import { QuestionsSection } from '../questions/QuestionsSection';
import { useSession } from '../state/sessionStore';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Layout } from '../ui/Layout';

type ControlTab = 'live' | 'rooms' | 'settings';

/**
 * The facilitator's control panel: stage, timer and message always on top; below, tabs for the live view
 * (who needs attention, rooms, people), managing rooms and people, and the event's settings.
 */
export function FacilitatorPage({ eventId }: { eventId: string }) {
  const exchange = useKeyExchange(eventId);
  const { me, error, load } = useSession();
  useEffect(() => {
    if (exchange.ready) void load(eventId);
  }, [exchange.ready, eventId, load]);
  const isStaff = me?.role === 'facilitator';
  const control = useStaffControl(eventId, exchange.ready && isStaff);
  const [tab, setTab] = useState<ControlTab>('live');

  const problem = exchange.error ?? error?.message ?? (me && !isStaff ? 'This page is for facilitators. Open the facilitator link you were given.' : null);
  if (problem) {
    return (
      <Layout title="Control panel">
        <ErrorMessage message={problem} />
      </Layout>
    );
  }
  const { event, state, rooms, socket, overview } = control;
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
      <LiveControls socket={socket} state={state} rooms={event.rooms} />
      <Tabs<ControlTab>
        label="Control panel"
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            key: 'live',
            label: 'Live',
            content: (
              <div className="control-layout">
                <div className="control-main">
                  {overview && <NeedsAttention eventId={event.id} overview={overview} state={state} />}
                  {overview && <EventTotals totals={overview.totals} />}
                  <RoomsOverview socket={socket} event={event} rooms={rooms} />
                  {overview && <PeopleActivity people={overview.people} rooms={event.rooms} votingOpen={state.voting.open} />}
                </div>
                <div className="control-side">
                  <HelpRequests socket={socket} help={state.help} rooms={event.rooms} />
                  <VotingControls socket={socket} state={state} rooms={event.rooms} progress={overview?.voting ?? []} />
                  <MessageHistory broadcasts={state.broadcasts} rooms={event.rooms} />
                  <JoinInfo joinCode={event.joinCode} />
                  <InvitePanel eventId={event.id} eventTitle={event.title} socket={socket} />
                </div>
              </div>
            ),
          },
          { key: 'rooms', label: 'Rooms & people', content: <PeopleAndRooms socket={socket} event={event} rooms={rooms} /> },
          {
            key: 'settings',
            label: 'Settings',
            content: (
              <div className="stack">
                <QuestionsSection socket={socket} event={event} rooms={rooms} />
                <EventDetailsForm socket={socket} event={event} />
                <NamesSetting socket={socket} event={event} rooms={rooms} />
              </div>
            ),
          },
        ]}
      />
    </Layout>
  );
}
