import { useEffect, useRef, useState } from 'react';
import { newCardsAnnouncement } from '../../../shared/namesMode';
import type { Card, NamesMode, Question } from '../../../shared/types';

/**
 * A polite, rate-limited summary of cards others added ("2 new cards under What worked well"),
 * so a screen reader user hears about changes without being flooded. Paused while reading. Names the
 * writer only where the event's names are shown.
 */
export function useNewCardAnnouncements(cards: Card[], myId: string, questions: Question[], paused: boolean, namesMode: NamesMode = 'shown', synced = true): string {
  const seen = useRef<Set<string> | null>(null);
  const pending = useRef<Card[]>([]);
  const [message, setMessage] = useState('');

  const caughtUp = useRef(false);

  useEffect(() => {
    // Up to and including the first sync (its cards arrive in the same render as `synced`), what arrives is
    // the board as it was (useFirstSync), not news.
    if (seen.current === null || !caughtUp.current) {
      seen.current = new Set([...(seen.current ?? []), ...cards.map((c) => c.id)]);
      caughtUp.current = synced;
      return;
    }
    for (const card of cards) {
      if (seen.current.has(card.id)) continue;
      seen.current.add(card.id);
      if (card.authorId !== myId) pending.current.push(card);
    }
  }, [cards, myId, synced]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (paused || pending.current.length === 0) return;
      const batch = pending.current.splice(0);
      const prompts = [...new Set(batch.map((c) => questions.find((q) => q.id === c.questionId)?.prompt ?? ''))].filter(Boolean);
      setMessage(newCardsAnnouncement(namesMode, batch, prompts));
    }, 5000);
    return () => clearInterval(timer);
  }, [paused, questions, namesMode]);

  return message;
}
