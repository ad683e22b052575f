import { useCallback, useState } from 'react';
import type { CardError } from './CardView';

const none: ReadonlyMap<string, CardError> = new Map();

/** What went wrong with each card's last action, to show at that card's control rather than at the top of the page. */
export function useCardErrors() {
  const [errors, setErrors] = useState(none);
  const show = useCallback((cardId: string, error: CardError) => setErrors((all) => new Map(all).set(cardId, error)), []);
  const clear = useCallback(
    (cardId: string) =>
      setErrors((all) => {
        if (!all.has(cardId)) return all;
        const next = new Map(all);
        next.delete(cardId);
        return next;
      }),
    [],
  );
  /** Vote refusals go stale once any vote lands (a vote taken back elsewhere frees one). */
  const clearVoteErrors = useCallback(() => setErrors((all) => ([...all.values()].some((e) => e.at === 'vote') ? new Map([...all].filter(([, e]) => e.at !== 'vote')) : all)), []);
  return { errors, show, clear, clearVoteErrors };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
