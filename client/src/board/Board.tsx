import { useMemo, useRef } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { addCard, cardDetailOf, cardTextOf, deleteCard, groupByQuestion, moveCard, neighbourQuestion } from '../../../shared/boardDoc';
import { cardAuthorName, othersSeeNames, typingText } from '../../../shared/namesMode';
import type { Card, NamesMode, Question } from '../../../shared/types';
import { useCards, usePresence } from '../yjs/hooks';
import { AddCardForm } from './AddCardForm';
import { CardView } from './CardView';
import { useNewCardAnnouncements } from './useNewCardAnnouncements';
import { useStableCallback } from './useStableCallback';

export interface BoardVoting {
  mine: Record<string, number>;
  totals: Record<string, number> | null;
  canVote: boolean;
  onVote(cardId: string, delta: 1 | -1): void;
}

/** Staff see hidden cards, with the texts the server keeps for them (the document no longer has them). */
export interface HiddenCards {
  texts: ReadonlyMap<string, string>;
  /** Facilitators hide and show through the server: no client may write `hidden` into the document. */
  onToggle?(card: Card): void;
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
  const live = useMemo(() => (showHidden ? cards : cards.filter((c) => !c.hidden)), [cards, showHidden]);
  // While paused, the list of cards stays as it was (texts still update in place), so nothing moves
  // under someone who is reading; what changed meanwhile is shown on resume.
  const frozen = useRef<Card[] | null>(null);
  if (paused && !frozen.current) frozen.current = live;
  if (!paused) frozen.current = null;
  const isNew = (c: Card) => !frozen.current!.some((f) => f.id === c.id);
  const visible = frozen.current ? [...frozen.current, ...live.filter((c) => isNew(c) && c.authorId === me.participantId)] : live;
  const waiting = frozen.current ? live.filter((c) => isNew(c) && c.authorId !== me.participantId).length : 0;
  const groups = useMemo(() => groupByQuestion(visible, questions), [visible, questions]);
  const announcement = useNewCardAnnouncements(live, me.participantId, questions, paused, namesMode);
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
    if (window.confirm('Delete this card? Everyone in the room will stop seeing it.')) deleteCard(doc, card.id);
  });
  const onMove = useStableCallback((card: Card, step: -1 | 1) => {
    const target = neighbourQuestion(questions, card.questionId, step);
    if (target) moveCard(doc, card.id, target);
  });
  const onToggleHidden = useStableCallback((card: Card) => hidden?.onToggle?.(card));
  const onVote = useStableCallback((card: Card, delta: 1 | -1) => voting?.onVote(card.id, delta));
  const ownsCard = (card: Card) => card.authorId === me.participantId;

  return (
    <div className="board">
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {paused && (
        <p className="notice" role="status">
          Live updates are paused while you read{waiting > 0 ? `: ${waiting} new ${waiting === 1 ? 'card is' : 'cards are'} waiting` : ''}. Choose “Resume live updates” to see them.
        </p>
      )}
      <div className="columns" style={{ gridTemplateColumns: `repeat(${questions.length}, minmax(16rem, 1fr))` }}>
        {questions.map((question, index) => {
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
                  onAdd={(text, detail) =>
                    addCard(doc, { id: crypto.randomUUID(), questionId: question.id, authorId: me.participantId, authorName: cardAuthorName(namesMode, me.name), text, detail })
                  }
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
                      canEdit={canWrite}
                      canDelete={canWrite && (canModerate || ownsCard(card))}
                      canModerate={canModerate && hidden?.onToggle !== undefined}
                      isFirstColumn={index === 0}
                      isLastColumn={index === questions.length - 1}
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
