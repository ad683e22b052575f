import { useEffect, useRef, useState } from 'react';
import type { Card, Question } from '../../../shared/types';

/**
 * A polite, rate-limited summary of cards others added ("2 new cards under What worked well"),
 * so a screen reader user hears about changes without being flooded. Paused while reading.
 */
export function useNewCardAnnouncements(cards: Card[], myId: string, questions: Question[], paused: boolean): string {
  const seen = useRef<Set<string> | null>(null);
  const pending = useRef<Card[]>([]);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(cards.map((c) => c.id));
      return;
    }
    for (const card of cards) {
      if (seen.current.has(card.id)) continue;
      seen.current.add(card.id);
      if (card.authorId !== myId) pending.current.push(card);
    }
  }, [cards, myId]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (paused || pending.current.length === 0) return;
      const batch = pending.current.splice(0);
      const prompts = [...new Set(batch.map((c) => questions.find((q) => q.id === c.questionId)?.prompt ?? ''))].filter(Boolean);
      setMessage(
        batch.length === 1
          ? `${batch[0]!.authorName} added a card under ${prompts[0] ?? 'a question'}.`
          : `${batch.length} new cards under ${prompts.join('; ')}.`,
      );
    }, 5000);
    return () => clearInterval(timer);
  }, [paused, questions]);

  return message;
}
