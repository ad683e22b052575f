import type * as Y from 'yjs';
import { useCardUnsent } from '../yjs/useUnsentCards';
import './unsentMark.css';

/**
 * "Not sent yet" on a card whose changes made here the server has not acknowledged (shared/unsentChanges.ts).
 * Its own line in the card, read with the card's content.
 */
export function UnsentMark({ doc, cardId }: { doc: Y.Doc | null | undefined; cardId: string }) {
  const unsent = useCardUnsent(doc, cardId);
  if (!unsent) return null;
  return (
    <p className="card-unsent-line">
      <span className="card-unsent">Not sent yet</span>
    </p>
  );
}
