import type { EventInfo } from '../../../shared/types';
import { Layout } from '../ui/Layout';
import './participant.css';

/** Facilitator placement: the person has joined and waits; the board opens by itself once they are placed. */
export function WaitingForRoom({ event }: { event: EventInfo }) {
  return (
    <Layout title="Waiting for a room" subtitle={event.title}>
      <section className="panel stack waiting-room" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">You have joined — your facilitator will place you in a room</h2>
        <p role="status">Please keep this page open. Your room's board opens here by itself as soon as the facilitator places you.</p>
        <p className="hint">If nothing happens for a while, let the facilitator know you are waiting.</p>
      </section>
    </Layout>
  );
}
