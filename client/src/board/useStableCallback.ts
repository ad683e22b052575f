import { useCallback, useLayoutEffect, useRef } from 'react';

/**
 * A function that keeps its identity across renders but always calls the latest `fn`, so passing it
 * to a memoised child (one per card) does not make every child render again.
 */
export function useStableCallback<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
