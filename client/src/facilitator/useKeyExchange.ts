import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';

/**
 * A secret link (#key=…) is traded once for an HttpOnly session cookie, then removed from the
 * address bar so it is not left in history, screenshots or shared screens.
 */
export function useKeyExchange(eventId: string): { ready: boolean; error: string | null } {
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const key = new URLSearchParams(location.hash.slice(1)).get('key');
    if (!key) {
      setReady(true);
      return;
    }
    history.replaceState(null, '', location.pathname);
    api('POST', `/api/events/${eventId}/session`, { key })
      .then(() => setReady(true))
      .catch((e: ApiError) => setError(e.message));
  }, [eventId]);
  return { ready, error };
}
