import type { Broadcast } from '../../../shared/control';
import type { Room } from '../../../shared/types';
import { clockTime } from './sentText';

export function MessageHistory({ broadcasts, rooms }: { broadcasts: Broadcast[]; rooms: Room[] }) {
  return (
    <details className="panel">
      <summary>Message history ({broadcasts.length})</summary>
      <ul>
        {[...broadcasts].reverse().map((b) => (
          <li key={b.id}>
            {clockTime(b.at)} — {b.roomId ? rooms.find((r) => r.id === b.roomId)?.topic : 'All rooms'}: {b.text}
          </li>
        ))}
      </ul>
    </details>
  );
}
