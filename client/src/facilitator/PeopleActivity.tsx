import { agoText, type PersonActivity } from '../../../shared/activity';
import type { Room } from '../../../shared/types';
import { useServerNow } from './useServerNow';

/** Every participant: cards written, votes cast, last active, online, and who has not contributed yet. */
export function PeopleActivity({ people, rooms, votingOpen }: { people: PersonActivity[]; rooms: Room[]; votingOpen: boolean }) {
  const now = useServerNow();
  const topicOf = (roomId: string) => rooms.find((r) => r.id === roomId)?.topic ?? roomId;
  return (
    <section className="panel stack" aria-labelledby="activity-heading">
      <h2 id="activity-heading">People</h2>
      <div className="table-scroll">
        <table className="people-table activity-table">
          <caption className="visually-hidden">What each participant has done</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Room</th>
              <th scope="col">Cards</th>
              <th scope="col">Votes</th>
              <th scope="col">Last active</th>
              <th scope="col">Online</th>
            </tr>
          </thead>
          <tbody>
            {people.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  Nobody has joined yet.
                </td>
              </tr>
            )}
            {people.map((p) => (
              <tr key={p.id} className={p.contributed ? '' : 'idle'}>
                <th scope="row">
                  {p.label}
                  {!p.contributed && <span className="badge idle-badge">Not contributed yet</span>}
                </th>
                <td>{p.waiting ? 'Waiting for a room' : topicOf(p.roomId)}</td>
                <td>{p.cards}</td>
                <td>{votingOpen || p.votes > 0 ? `${p.votes} of ${p.voteAllowance}` : '—'}</td>
                <td>{agoText(p.lastActive, now)}</td>
                <td>
                  <span className={`status-dot ${p.online ? 'on' : 'off'}`} aria-hidden="true" />
                  {p.online ? 'Online' : 'Offline'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
