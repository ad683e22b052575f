import { useEffect, useState } from 'react';
import { serverNow } from '../control/serverClock';

/** Server time, refreshed every `everyMs`, so "2 min ago" and "after 3 minutes" follow the clock. */
export function useServerNow(everyMs = 15_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const id = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
