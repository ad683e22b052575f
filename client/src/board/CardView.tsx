import { memo } from 'react';
import type * as Y from 'yjs';
import type { Card, Question } from '../../../shared/types';
import { CardTextEditor } from './CardTextEditor';

export interface CardActions {
  onDelete?(card: Card): void;
  onMove?(card: Card, step: -1 | 1): void;
  onToggleHidden?(card: Card): void;
  onVote?(card: Card, delta: 1 | -1): void;
  onTyping?(cardId: string | null): void;
}

interface Props extends CardActions {
  card: Card;
  text: Y.Text | undefined;
  /** The card's second field (cards whose question has one). */
  detailText?: Y.Text | undefined;
  /** A hidden card's text as the server keeps it for staff (its document text was removed). */
  hiddenText?: string | undefined;
  question: Question;
  canEdit: boolean;
  canDelete: boolean;
  canModerate: boolean;
  isFirstColumn: boolean;
  isLastColumn: boolean;
  /** "Amira typing…" / "Someone is typing…", or '' when nobody else is typing in it. */
  typing: string;
  /** Whether cards name their writer (the event's names are shown). */
  showAuthor: boolean;
  /** Votes are shown once voting has started (myVotes given); totals only once revealed (not null). */
  myVotes?: number;
  totalVotes?: number | null;
  canVote?: boolean;
}

/**
 * One card. Memoised (the board gives it stable handlers and unchanged card objects), so a change to
 * one card, or typing in it, does not render the hundreds of others again.
 */
export const CardView = memo(function CardView(props: Props) {
  const { card, text, hiddenText, question, canDelete, canModerate, typing, showAuthor, myVotes, totalVotes = null, canVote = false } = props;
  // Nobody may write into a hidden card (the server refuses it): staff read it until it is shown again.
  const canEdit = props.canEdit && !card.hidden;
  const labelId = `card-${card.id}-by`;
  // Where names are not shown, no card names its writer, not even in what a screen reader hears.
  const by = showAuthor ? ` by ${card.authorName || 'someone'}` : '';
  return (
    <li
      className={`card${card.hidden ? ' card-hidden' : ''}`}
      {...(showAuthor ? { 'aria-labelledby': labelId } : { 'aria-label': `Card under “${question.prompt}”` })}
      data-card-id={card.id}
    >
      <p className="card-meta" id={labelId}>
        {showAuthor && <span className="card-author">{card.authorName || 'Someone'}</span>}
        {card.hidden && <span className="badge">Hidden from participants</span>}
        {typing && <span className="typing">{typing}</span>}
      </p>
      {card.hidden ? (
        <p className="card-text-static">{hiddenText ?? 'Loading the hidden text…'}</p>
      ) : text ? (
        <CardTextEditor
          text={text}
          label={`Card${by} under “${question.prompt}”${canEdit ? '' : ' (read only)'}`}
          readOnly={!canEdit}
          onFocusChange={(focused) => props.onTyping?.(focused ? card.id : null)}
        />
      ) : (
        <p className="card-text-static">{card.text}</p>
      )}
      {!card.hidden && props.detailText && (
        <div className="card-detail">
          <p className="card-detail-label" aria-hidden="true">
            {question.secondField ?? 'More'}
          </p>
          <CardTextEditor
            text={props.detailText}
            label={`${question.secondField ?? 'Second field'}, card${by || ` under “${question.prompt}”`}${canEdit ? '' : ' (read only)'}`}
            readOnly={!canEdit}
            onFocusChange={(focused) => props.onTyping?.(focused ? card.id : null)}
          />
        </div>
      )}
      <div className="card-actions" role="group" aria-label={`Actions for card${by || ` under “${question.prompt}”`}`}>
        {myVotes !== undefined && (
          <span className="votes">
            {canVote && (
              <>
                <button type="button" className="small" onClick={() => props.onVote?.(card, 1)} aria-label={`Vote for this card (you have given it ${myVotes})`}>
                  + Vote
                </button>
                {myVotes > 0 && (
                  <button type="button" className="small" onClick={() => props.onVote?.(card, -1)} aria-label="Take back one vote">
                    −
                  </button>
                )}
              </>
            )}
            <span className="vote-count">
              {myVotes > 0 && `Your votes: ${myVotes}`}
              {totalVotes !== null && ` Total: ${totalVotes}`}
            </span>
          </span>
        )}
        {canEdit && props.onMove && (
          <>
            <button type="button" className="small" disabled={props.isFirstColumn} onClick={() => props.onMove?.(card, -1)} aria-label="Move to the previous question">
              ← Move
            </button>
            <button type="button" className="small" disabled={props.isLastColumn} onClick={() => props.onMove?.(card, 1)} aria-label="Move to the next question">
              Move →
            </button>
          </>
        )}
        {canModerate && props.onToggleHidden && (
          <button
            type="button"
            className="small"
            onClick={() => props.onToggleHidden?.(card)}
            aria-label={card.hidden ? 'Show this card to participants' : 'Hide this card from participants'}
          >
            {card.hidden ? 'Show' : 'Hide'}
          </button>
        )}
        {canDelete && props.onDelete && (
          <button type="button" className="small danger" onClick={() => props.onDelete?.(card)} aria-label="Delete this card">
            Delete
          </button>
        )}
      </div>
    </li>
  );
});
