import { phaseLabels, type RoomView } from '../../../shared/control';

/** Why the board cannot be written on now, in words that are true: typing is blocked, not kept. */
export function ReadOnlyNotice({ view }: { view: RoomView }) {
  if (view.canWrite) return null;
  return (
    <p className="notice" role="status">
      {view.locked
        ? 'The facilitator has locked this board. Writing is paused: you can read the cards, and writing opens again when they unlock it.'
        : `The workshop is at the ${phaseLabels[view.phase].toLowerCase()} stage: the board is read-only now.`}
    </p>
  );
}
