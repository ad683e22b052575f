import { useEffect, useMemo, useRef } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { addCard, cardDetailOf, cardTextOf, groupByQuestion, moveCard } from '../../../shared/boardDoc';
import { cardAuthorName, othersSeeNames, typingText } from '../../../shared/namesMode';
import type { Card, NamesMode, Question } from '../../../shared/types';
import { useCards, usePresence } from '../yjs/hooks';
import { AddCardForm } from './AddCardForm';
import { CardView } from './CardView';
import './compactBoard.css';
import { useCardDeletes } from './useCardDeletes';
import { errorMessage, useCardErrors } from './useCardErrors';
import { useCardFocus } from './useCardFocus';
import { useFirstSync } from './useFirstSync';
import { useNewCardAnnouncements } from './useNewCardAnnouncements';
import { useNewestFirst } from './useNewestFirst';
import { useStableCallback } from './useStableCallback';

export interface BoardVoting {
  mine: Record<string, number>;
  totals: Record<string, number> | null;
  canVote: boolean;
  /** A refusal (rejected promise) is shown at the card's vote button. */
  onVote(cardId: string, delta: 1 | -1): Promise<unknown> | void;
}

/** Staff see hidden cards, with the texts the server keeps for them (the document no longer has them). */
export interface HiddenCards {
  texts: ReadonlyMap<string, string>;
  /** Facilitators hide and show through the server: no client may write `hidden` into the document. A refusal (rejected promise) is shown at the card. */
  onToggle?(card: Card): Promise<unknown> | void;
}

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  boardKey: string;
  questions: Question[];
  me: { participantId: string; name: string; role: string };
  canWrite: boolean;
  canModerate: boolean;
  voting?: BoardVoting;
  paused?: boolean;
  /** Given for staff only; participants never see hidden cards. */
  hidden?: HiddenCards;
  /** The event's names setting: where names are not shown, cards, typing and announcements name nobody. */
  namesMode?: NamesMode;
}

/** Shared by every card nobody else is typing in, so those cards' props stay equal. */
const nobody = '';

export function Board({ doc, provider, boardKey, questions, me, canWrite, canModerate, voting, paused = false, hidden, namesMode = 'shown' }: Props) {
  const cards = useCards(doc);
  const presence = usePresence(provider);
  const showHidden = hidden !== undefined;
  const deletes = useCardDeletes(doc, me.participantId);
  const live = useMemo(() => cards.filter((c) => (showHidden || !c.hidden) && !deletes.deferred.has(c.id)), [cards, showHidden, deletes.deferred]);
  const [newestFirst, toggleNewestFirst] = useNewestFirst(boardKey);
  const errors = useCardErrors();
  const focus = useCardFocus();
  // While paused, the list of cards stays as it was (texts still update in place), so nothing moves
  // under someone who is reading; what changed meanwhile is shown on resume.
  const frozen = useRef<Card[] | null>(null);
  if (paused && !frozen.current) frozen.current = live;
  if (!paused) frozen.current = null;
  const isNew = (c: Card) => !frozen.current!.some((f) => f.id === c.id);
  const visible = frozen.current ? [...frozen.current, ...live.filter((c) => isNew(c) && c.authorId === me.participantId)] : live;
  const waiting = frozen.current ? live.filter((c) => isNew(c) && c.authorId !== me.participantId).length : 0;
  // Grouping a board's cards is cheap, and `visible` is a new list whenever the board is paused anyway.
  const byQuestion = groupByQuestion(visible, questions);
  const groups = newestFirst ? new Map([...byQuestion].map(([id, column]) => [id, [...column].reverse()])) : byQuestion;
  const synced = useFirstSync(provider);
  const announcement = useNewCardAnnouncements(live, me.participantId, questions, paused, namesMode, synced);
  const showAuthors = othersSeeNames(namesMode);

  // "Amira typing…", or "Someone is typing…" where names are not shown (the text is built once per card here).
  const typingByCard = useMemo(() => {
    const byCard = new Map<string, string[]>();
    for (const person of presence) {
      if (person.typingIn && !person.isMe) byCard.set(person.typingIn, [...(byCard.get(person.typingIn) ?? []), person.name]);
    }
    return new Map([...byCard].map(([cardId, names]) => [cardId, typingText(namesMode, names)]));
  }, [presence, namesMode]);

  // Stable handlers, so each memoised card renders only when its own data changes.
  const setTyping = useStableCallback((cardId: string | null) => provider.awareness.setLocalStateField('typingIn', cardId));
  const onDelete = useStableCallback((card: Card) => {
    focus.moveOffCard(card.id);
    deletes.remove(card);
  });
  const onMove = useStableCallback((card: Card, questionId: string) => {
    moveCard(doc, card.id, questionId);
    focus.request(card.id, 'menu');
  });
  const onToggleHidden = useStableCallback(async (card: Card) => {
    errors.clear(card.id);
    try {
      await hidden?.onToggle?.(card);
    } catch (error) {
      errors.show(card.id, { message: errorMessage(error), at: 'menu' });
    }
  });
  const onVote = useStableCallback(async (card: Card, delta: 1 | -1) => {
    errors.clear(card.id);
    try {
      await voting?.onVote(card.id, delta);
    } catch (error) {
      errors.show(card.id, { message: errorMessage(error), at: 'vote' });
    }
  });
  const { clearVoteErrors } = errors;
  useEffect(clearVoteErrors, [voting?.mine, clearVoteErrors]);
  const ownsCard = (card: Card) => card.authorId === me.participantId;

  return (
    <div className="board">
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <div className="board-tools">
        <button type="button" className="board-tool" aria-pressed={newestFirst} onClick={toggleNewestFirst}>
          Newest cards first
        </button>
      </div>
      {paused && (
        <p className="notice" role="status">
          Live updates are paused while you read{waiting > 0 ? `: ${waiting} new ${waiting === 1 ? 'card is' : 'cards are'} waiting` : ''}. Choose “Resume live updates” to see them.
        </p>
      )}
      <div className="columns" style={{ gridTemplateColumns: `repeat(${questions.length}, minmax(16rem, 1fr))` }}>
        {questions.map((question) => {
          const column = groups.get(question.id) ?? [];
          const headingId = `q-${question.id}`;
          return (
            <section key={question.id} className="column" aria-labelledby={headingId}>
              <h2 id={headingId}>
                {question.prompt} <span className="count">({column.length})</span>
              </h2>
              {canWrite && (
                <AddCardForm
                  prompt={question.prompt}
                  secondField={question.secondField}
                  draftKey={`draft:${boardKey}:${question.id}`}
                  onAdd={(text, detail) => {
                    const id = crypto.randomUUID();
                    addCard(doc, { id, questionId: question.id, authorId: me.participantId, authorName: cardAuthorName(namesMode, me.name), text, detail });
                    // The writer sees where it landed; others hear of it politely (useNewCardAnnouncements) and stay where they are.
                    focus.request(id, 'scroll');
                  }}
                />
              )}
              {column.length === 0 ? (
                <p className="empty">No cards yet.{canWrite ? ' Be the first to add one.' : ''}</p>
              ) : (
                <ul className="cards" aria-label={`Cards for “${question.prompt}”`}>
                  {column.map((card) => (
                    <CardView
                      key={card.id}
                      card={card}
                      text={cardTextOf(doc, card.id)}
                      detailText={cardDetailOf(doc, card.id)}
                      hiddenText={card.hidden ? hidden?.texts.get(card.id) : undefined}
                      question={question}
                      questions={questions}
                      canEdit={canWrite}
                      canDelete={canWrite && (canModerate || ownsCard(card))}
                      canModerate={canModerate && hidden?.onToggle !== undefined}
                      typing={typingByCard.get(card.id) ?? nobody}
                      showAuthor={showAuthors}
                      onDelete={onDelete}
                      onMove={onMove}
                      onToggleHidden={onToggleHidden}
                      onTyping={setTyping}
                      myVotes={voting && (voting.mine[card.id] ?? 0)}
                      totalVotes={voting?.totals ? (voting.totals[card.id] ?? 0) : null}
                      canVote={voting?.canVote ?? false}
                      onVote={onVote}
                      error={errors.errors.get(card.id)}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
