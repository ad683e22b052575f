import { useId, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { RoomOverview } from '../../../shared/overview';
import type { AssignmentMode, EventInfo, Room } from '../../../shared/types';
import { countOf } from '../../../shared/summary/counts';
import { runCommand } from '../control/socket';
import { ErrorMessage } from '../ui/ErrorMessage';
import { showUndoToast } from '../ui/undoToasts';
import { useCommand } from './useCommand';

const modeLabels: Record<AssignmentMode, string> = {
  'self-select': 'People choose their room',
  auto: 'Spread newcomers evenly',
  facilitator: 'Facilitator places people',
};

/** Rooms and who is in them: add, rename, remove rooms; move people; split evenly. */
export function PeopleAndRooms({ socket, event, rooms }: { socket: Socket | null; event: EventInfo; rooms: RoomOverview[] }) {
  const { run, error } = useCommand(socket);
  const [newTopic, setNewTopic] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const ids = { mode: useId(), topic: useId() };
  const people = rooms.flatMap((r) => r.participants.map((p) => ({ ...p, roomId: r.roomId })));

  // A room with no cards and nobody in it goes at once, with Undo; anything else asks where its people and
  // cards should go first, because that cannot be undone.
  const removeAtOnce = async (room: Room) => {
    const moveTo = event.rooms.find((r) => r.id !== room.id)?.id;
    if (!moveTo || !(await run('room:remove', { roomId: room.id, moveTo, cards: 'move' }))) return;
    showUndoToast(`Room “${room.topic}” removed`, () => (socket ? runCommand(socket, 'room:add', { topic: room.topic }) : undefined));
  };

  return (
    <section className="panel stack" aria-labelledby="people-heading">
      <h2 id="people-heading">People and rooms</h2>
      <div className="row">
        <label htmlFor={ids.mode}>Joining</label>
        <select id={ids.mode} value={event.assignmentMode} onChange={(e) => void run('assign:mode', { mode: e.target.value as AssignmentMode })}>
          {Object.entries(modeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" className="secondary" onClick={() => void run('assign:even')}>
          Split everyone evenly now
        </button>
      </div>
      <ErrorMessage message={error} />

      <table className="people-table">
        <caption className="visually-hidden">Participants and their rooms</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Online</th>
            <th scope="col">Room</th>
          </tr>
        </thead>
        <tbody>
          {people.length === 0 && (
            <tr>
              <td colSpan={3} className="empty">
                Nobody has joined yet.
              </td>
            </tr>
          )}
          {people.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.online ? 'Yes' : 'No'}</td>
              <td>
                <select aria-label={`Room for ${p.name}`} value={p.roomId} onChange={(e) => void run('participant:move', { participantId: p.id, roomId: e.target.value })}>
                  {event.rooms.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.topic}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Manage rooms</h3>
      <ul className="room-admin">
        {event.rooms.map((room) => (
          <li key={room.id}>
            <RoomNameEditor topic={room.topic} onRename={(topic) => void run('room:rename', { roomId: room.id, topic })} />
            <span className="hint">{roomContents(rooms, room.id)}</span>
            {event.rooms.length > 1 && (
              <button type="button" className="small danger" onClick={() => (isEmptyRoom(rooms, room.id) ? void removeAtOnce(room) : setRemoving(room.id))}>
                Remove<span className="visually-hidden"> {room.topic}</span>
              </button>
            )}
            {removing === room.id && (
              <RemoveRoom
                event={event}
                roomId={room.id}
                onCancel={() => setRemoving(null)}
                onRemove={async (moveTo, cards) => {
                  await run('room:remove', { roomId: room.id, moveTo, cards });
                  setRemoving(null);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await run('room:add', { topic: newTopic })) setNewTopic('');
        }}
      >
        <label htmlFor={ids.topic}>New room topic</label>
        <input id={ids.topic} value={newTopic} onChange={(e) => setNewTopic(e.target.value)} maxLength={200} className="grow" />
        <button type="submit">Add room</button>
      </form>
    </section>
  );
}

function isEmptyRoom(rooms: readonly RoomOverview[], roomId: string): boolean {
  const room = rooms.find((r) => r.roomId === roomId);
  return !!room && room.cardCount + room.hiddenCount === 0 && room.participants.length === 0;
}

/** What removing a room would affect: "empty", or "2 people, 5 cards". */
function roomContents(rooms: readonly RoomOverview[], roomId: string): string {
  const room = rooms.find((r) => r.roomId === roomId);
  if (!room) return '';
  const cards = room.cardCount + room.hiddenCount;
  if (cards === 0 && room.participants.length === 0) return 'empty';
  return `${countOf(room.participants.length, 'person', 'people')}, ${countOf(cards, 'card')}`;
}

function RoomNameEditor({ topic, onRename }: { topic: string; onRename(topic: string): void }) {
  const [value, setValue] = useState(topic);
  const id = useId();
  return (
    <form
      className="row grow"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() && value !== topic) onRename(value.trim());
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Room name
      </label>
      <input id={id} value={value} onChange={(e) => setValue(e.target.value)} className="grow" maxLength={200} />
      <button type="submit" className="small secondary" disabled={value === topic}>
        Rename
      </button>
    </form>
  );
}

/** Removing a room says exactly what happens to its people and its cards before anything changes. */
function RemoveRoom({ event, roomId, onCancel, onRemove }: { event: EventInfo; roomId: string; onCancel(): void; onRemove(moveTo: string, cards: 'move' | 'delete'): void }) {
  const others = event.rooms.filter((r) => r.id !== roomId);
  const [moveTo, setMoveTo] = useState(others[0]?.id ?? '');
  const [cards, setCards] = useState<'move' | 'delete'>('move');
  const id = useId();
  return (
    <div className="panel stack remove-room" role="group" aria-label="Remove room">
      <label htmlFor={id}>Move its people{cards === 'move' ? ' and cards' : ''} to</label>
      <select id={id} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
        {others.map((r) => (
          <option key={r.id} value={r.id}>
            {r.topic}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>Its cards</legend>
        <label className="choice">
          <input type="radio" checked={cards === 'move'} onChange={() => setCards('move')} /> Move them (with their votes) to that room
        </label>
        <label className="choice">
          <input type="radio" checked={cards === 'delete'} onChange={() => setCards('delete')} /> Delete them for good
        </label>
      </fieldset>
      <div className="row">
        <button type="button" className="danger" onClick={() => onRemove(moveTo, cards)}>
          Remove room
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
