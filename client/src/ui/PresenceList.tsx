import type { PresenceEntry } from '../yjs/hooks';

export function PresenceList({ people }: { people: PresenceEntry[] }) {
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading">In this room ({people.length})</h2>
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
    </section>
  );
}
