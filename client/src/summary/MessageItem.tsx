import { countOf } from '../../../shared/summary/counts';
import type { SummaryCard } from '../../../shared/summary/summaryLookup';
import type { KeyMessage } from '../../../shared/summary/summaryModel';
import { editMessage, promoteToNextStep, promoteToTheme, reorderMessage, splitMessage } from '../../../shared/summary/synthesis';
import type { ApplySummary } from './useSummary';
import { CommitField } from '../ui/CommitField';

interface Props {
  message: KeyMessage;
  cards: Map<string, SummaryCard>;
  selected: boolean;
  onSelect(selected: boolean): void;
  apply: ApplySummary;
  first: boolean;
  last: boolean;
}

/** One key message: its wording (editable), where it came from, and what can be done with it. */
export function MessageItem({ message, cards, selected, onSelect, apply, first, last }: Props) {
  const sources = message.sourceCardIds.map((cardId) => cards.get(cardId)).filter((c): c is SummaryCard => !!c);
  return (
    <li className={`message${selected ? ' selected' : ''}`}>
      <div className="row message-head">
        <label className="choice compact">
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} />
          <span className="visually-hidden">Select “{message.text}” to merge</span>
        </label>
        <CommitField
          label="Wording of key message"
          hideLabel
          multiline
          className="grow message-text"
          value={message.text}
          onCommit={(text) => apply((s) => editMessage(s, message.id, text.trim()))}
        />
      </div>
      <div className="row message-meta">
        <span className="badge">{countOf(message.votes, 'vote')}</span>
        {message.edited && <span className="badge">Edited</span>}
        <details className="sources">
          <summary>
            From {countOf(sources.length, 'card')}
          </summary>
          <ul>
            {sources.map((card) => (
              <li key={card.id}>
                “{card.text}” — {card.author}, {countOf(card.votes, 'vote')}
              </li>
            ))}
          </ul>
        </details>
      </div>
      <div className="row message-actions" role="group" aria-label="Actions for this message">
        <button type="button" className="small secondary" disabled={first} onClick={() => apply((s) => reorderMessage(s, message.id, 'up'))}>
          Move up
        </button>
        <button type="button" className="small secondary" disabled={last} onClick={() => apply((s) => reorderMessage(s, message.id, 'down'))}>
          Move down
        </button>
        <button type="button" className="small secondary" onClick={() => apply((s) => promoteToTheme(s, message.id))}>
          Make a theme
        </button>
        <button type="button" className="small secondary" onClick={() => apply((s) => promoteToNextStep(s, message.id))}>
          Make a next step
        </button>
        {message.sourceCardIds.length > 1 && (
          <button type="button" className="small secondary" onClick={() => apply((s) => splitMessage(s, message.id))}>
            Split back into cards
          </button>
        )}
      </div>
    </li>
  );
}
