import { memo } from 'react';
import type * as Y from 'yjs';
import type { Card, Question } from '../../../shared/types';
import { CardMenu, type MenuItem } from './CardMenu';
import { CardTextEditor } from './CardTextEditor';
import { UnsentMark } from '../ui/UnsentMark';

export interface CardActions {
  onDelete?(card: Card): void;
  onMove?(card: Card, questionId: string): void;
  onToggleHidden?(card: Card): void;
  onVote?(card: Card, delta: 1 | -1): void;
  onTyping?(cardId: string | null): void;
}

/** Why the last thing done to this card failed, shown at the control that did it. */
export interface CardError {
  message: string;
  at: 'vote' | 'menu';
}

interface Props extends CardActions {
  card: Card;
  text: Y.Text | undefined;
  /** The card's second field (cards whose question has one). */
  detailText?: Y.Text | undefined;
  /** A hidden card's text as the server keeps it for staff (its document text was removed). */
  hiddenText?: string | undefined;
  question: Question;
  /** Every question of the board, for "Move to …" (the same array for every card, so memo holds). */
  questions: Question[];
  canEdit: boolean;
  canDelete: boolean;
  canModerate: boolean;
  /** "Amira typing…" / "Someone is typing…", or '' when nobody else is typing in it. */
  typing: string;
  /** Whether cards name their writer (the event's names are shown). */
  showAuthor: boolean;
  /** Votes are shown once voting has started (myVotes given); totals only once revealed (not null). */
  myVotes?: number;
  totalVotes?: number | null;
  canVote?: boolean;
  error?: CardError | undefined;
}

/** The element id of a card's text box, for "Edit" and for focus after a move. */
export const cardTextId = (cardId: string) => `card-${cardId}-text`;

/**
 * One card, compact: its text first, a short meta line (writer, votes), Vote as one direct button and
 * everything else in a menu. Memoised (the board gives it stable handlers and unchanged card objects), so a
 * change to one card, or typing in it, does not render the hundreds of others again.
 */
export const CardView = memo(function CardView(props: Props) {
  const { card, text, hiddenText, question, typing, showAuthor, myVotes, totalVotes = null, canVote = false, error } = props;
  // Nobody may write into a hidden card (the server refuses it): staff read it until it is shown again.
  const canEdit = props.canEdit && !card.hidden;
  const labelId = `card-${card.id}-by`;
  const errorId = `card-${card.id}-error`;
  // Where names are not shown, no card names its writer, not even in what a screen reader hears.
  const by = showAuthor ? ` by ${card.authorName || 'someone'}` : '';
  const menuItems = cardMenuItems(props, canEdit);
  const describedAt = (at: CardError['at']) => (error?.at === at ? errorId : undefined);
  const votesLine = myVotes !== undefined && (myVotes > 0 || totalVotes !== null);
  return (
    <li
      className={`card${card.hidden ? ' card-hidden' : ''}`}
      {...(showAuthor ? { 'aria-labelledby': labelId } : { 'aria-label': `Card under “${question.prompt}”` })}
      data-card-id={card.id}
    >
      <div className="card-main">
        {card.hidden ? (
          <p className="card-text-static">{hiddenText ?? 'Loading the hidden text…'}</p>
        ) : text ? (
          <CardTextEditor
            id={cardTextId(card.id)}
            text={text}
            label={`Card${by} under “${question.prompt}”${canEdit ? '' : ' (read only)'}`}
            readOnly={!canEdit}
            onFocusChange={(focused) => props.onTyping?.(focused ? card.id : null)}
          />
        ) : (
          <p className="card-text-static">{card.text}</p>
        )}
        <div className="card-buttons">
          {myVotes !== undefined && canVote && (
            <>
              <button
                type="button"
                className="card-vote"
                onClick={() => props.onVote?.(card, 1)}
                aria-label={`Vote for this card (you have given it ${myVotes})`}
                aria-describedby={describedAt('vote')}
              >
                + Vote
              </button>
              {myVotes > 0 && (
                <button type="button" className="card-unvote" onClick={() => props.onVote?.(card, -1)} aria-label="Take back one vote" aria-describedby={describedAt('vote')}>
                  −
                </button>
              )}
            </>
          )}
          {menuItems.length > 0 && <CardMenu label="More actions for this card" describedBy={describedAt('menu')} items={menuItems} />}
        </div>
      </div>
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
      {(showAuthor || card.hidden || typing || votesLine) && (
        <p className="card-meta">
          {showAuthor && (
            <span className="card-author" id={labelId}>
              {card.authorName || 'Someone'}
            </span>
          )}
          {card.hidden && <span className="badge">Hidden from participants</span>}
          {votesLine && (
            <span className="vote-count">
              {myVotes > 0 && `Your votes: ${myVotes}`}
              {myVotes > 0 && totalVotes !== null && ' · '}
              {totalVotes !== null && `Total: ${totalVotes}`}
            </span>
          )}
          {typing && <span className="typing">{typing}</span>}
        </p>
      )}
      <UnsentMark doc={text?.doc} cardId={card.id} />
      {error && (
        <p className="card-error" id={errorId} role="alert">
          {error.message}
        </p>
      )}
    </li>
  );
});

function cardMenuItems(props: Props, canEdit: boolean): MenuItem[] {
  const { card, questions } = props;
  const items: MenuItem[] = [];
  if (canEdit && props.text) items.push({ label: 'Edit', onSelect: () => focusCardText(card.id) });
  if (canEdit && props.onMove) {
    for (const q of questions) if (q.id !== card.questionId) items.push({ label: `Move to “${q.prompt}”`, onSelect: () => props.onMove?.(card, q.id) });
  }
  if (props.canModerate && props.onToggleHidden) {
    items.push({ label: card.hidden ? 'Show to participants' : 'Hide from participants', onSelect: () => props.onToggleHidden?.(card) });
  }
  if (props.canDelete && props.onDelete) items.push({ label: 'Delete', danger: true, onSelect: () => props.onDelete?.(card) });
  return items;
}

/** "Edit": the caret at the end of the text, where people add to what they wrote. */
function focusCardText(cardId: string): void {
  const box = document.getElementById(cardTextId(cardId));
  if (!(box instanceof HTMLTextAreaElement)) return;
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
}
