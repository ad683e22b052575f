import { useId, useState } from 'react';
import type { EventOverview } from '../../../shared/activity';
import { needsAttention } from '../../../shared/attention';
import type { ControlState } from '../../../shared/control';
import { useServerNow } from './useServerNow';

const waitChoices = [0, 1, 2, 3, 5, 10] as const;
const waitKey = 'roundtable.attentionAfterMinutes';

function storedWait(): number {
  const stored = Number(localStorage.getItem(waitKey));
  return (waitChoices as readonly number[]).includes(stored) && localStorage.getItem(waitKey) !== null ? stored : 3;
}

/** Who and what needs a facilitator now, most urgent first, each with where to go. */
export function NeedsAttention({ eventId, overview, state }: { eventId: string; overview: EventOverview; state: ControlState }) {
  const now = useServerNow();
  const [afterMinutes, setAfterMinutes] = useState(storedWait);
  const id = useId();
  const items = needsAttention({ overview, state, afterMs: afterMinutes * 60_000, now });
  return (
    <section className="panel stack needs-attention" aria-labelledby="attention-heading">
      <div className="row spread">
        <h2 id="attention-heading">Needs attention ({items.length})</h2>
        <div className="row">
          <label htmlFor={id}>List people who haven’t contributed</label>
          <select
            id={id}
            value={afterMinutes}
            onChange={(e) => {
              setAfterMinutes(Number(e.target.value));
              localStorage.setItem(waitKey, e.target.value);
            }}
          >
            {waitChoices.map((m) => (
              <option key={m} value={m}>
                {m === 0 ? 'at once' : `after ${m} min`}
              </option>
            ))}
          </select>
        </div>
      </div>
      {items.length === 0 ? (
        <p className="empty">Nothing needs you right now.</p>
      ) : (
        <ul className="attention-list">
          {items.map((item) => {
            const topic = overview.rooms.find((r) => r.roomId === item.roomId)?.topic ?? item.roomId;
            return (
              <li key={item.key} className={`attention-${item.kind}`}>
                <div>
                  <strong>{item.text}</strong>
                  <p className="hint">{item.advice}</p>
                </div>
                <a className="button small secondary" href={`/facilitate/${eventId}/room/${item.roomId}`}>
                  Go to {topic}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
