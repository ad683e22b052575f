import { othersSeeNames, peopleCountText, someoneTypingText } from '../../../shared/namesMode';
import type { NamesMode } from '../../../shared/types';
import type { PresenceEntry } from '../yjs/hooks';

/** Who is here: by name where the event's names are shown, otherwise as counts (and staff as their role). */
export function PresenceList({ people, namesMode = 'shown' }: { people: PresenceEntry[]; namesMode?: NamesMode }) {
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">In this room ({people.length})</h2>
      {othersSeeNames(namesMode) ? <NamedPresence people={people} /> : <CountedPresence people={people} />}
    </section>
  );
}

function NamedPresence({ people }: { people: PresenceEntry[] }) {
  return (
    <ul>
      {people.map((p) => (
        <li key={p.clientId}>
          <span className="avatar" aria-hidden="true">
            {p.name.slice(0, 1).toUpperCase()}
          </span>
          {p.name}
          {p.isMe && ' (you)'}
          {p.role === 'facilitator' && ' — facilitator'}
          {p.typingIn && <span className="typing"> typing…</span>}
        </li>
      ))}
    </ul>
  );
}

function CountedPresence({ people }: { people: PresenceEntry[] }) {
  const staff = people.filter((p) => p.role === 'facilitator').length;
  const typing = people.filter((p) => p.typingIn && !p.isMe).length;
  return (
    <>
      <p>
        {peopleCountText(people.length)}
        {people.some((p) => p.isMe) && ', including you'}
        {staff > 0 && `; ${staff === 1 ? 'one is a facilitator' : `${staff} are facilitators`}`}.
      </p>
      {typing > 0 && <p className="typing">{someoneTypingText(typing)}</p>}
    </>
  );
}
