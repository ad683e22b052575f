import { useState } from 'react';

/**
 * Whether this board lists each question's newest cards first: a choice per board, remembered on this
 * device (people who add many cards keep what they just wrote next to the form they wrote it in).
 */
export function useNewestFirst(boardKey: string): [boolean, () => void] {
  const key = `order:${boardKey}`;
  const [newestFirst, setNewestFirst] = useState(() => localStorage.getItem(key) === 'newest');
  const toggle = () => {
    const next = !newestFirst;
    setNewestFirst(next);
    if (next) localStorage.setItem(key, 'newest');
    else localStorage.removeItem(key);
  };
  return [newestFirst, toggle];
}
