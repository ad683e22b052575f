import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { observeSummary, readSummary, writeSummary } from '../../../shared/summary/summaryDoc';
import type { EventSummary } from '../../../shared/summary/summaryModel';

/** The live summary, and a way to apply one of the pure synthesis operations to it. */
export function useSummary(doc: Y.Doc | null) {
  const [summary, setSummary] = useState<EventSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!doc) return;
    const update = () => setSummary(readSummary(doc));
    update();
    return observeSummary(doc, update);
  }, [doc]);
  const apply = useCallback(
    (operation: (s: EventSummary) => EventSummary) => {
      if (!doc) return;
      const current = readSummary(doc);
      if (!current) return;
      try {
        writeSummary(doc, operation(current));
        setError(null);
      } catch (e) {
        // Someone else may have just merged or removed the same item.
        setError(e instanceof Error ? `That change could not be made: ${e.message}` : String(e));
      }
    },
    [doc],
  );
  return { summary, apply, error };
}

export type ApplySummary = ReturnType<typeof useSummary>['apply'];
