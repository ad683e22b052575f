import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { keepLink } from './keptLinks';

/**
 * A secret link (#key=…) is traded once for an HttpOnly session cookie, then removed from the
 * address bar so it is not left in history, screenshots or shared screens. The link is kept in this
 * browser first, so the Invite panel can give it back. A new link pasted into the same tab changes
 * only the #key (no page load), so that is exchanged too.
 */
export function useKeyExchange(eventId: string): { ready: boolean; error: string | null } {
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const exchange = () => {
      const key = new URLSearchParams(location.hash.slice(1)).get('key');
      if (!key) {
        setReady(true);
        return;
      }
      const link = `${location.origin}${location.pathname}#key=${key}`;
      history.replaceState(null, '', location.pathname);
      setReady(false);
      setError(null);
      api<{ linkId: string }>('POST', `/api/events/${eventId}/session`, { key })
        .then(({ linkId }) => {
          keepLink(eventId, linkId, link);
          setReady(true);
        })
        .catch((e: ApiError) => setError(e.message));
    };
    exchange();
    window.addEventListener('hashchange', exchange);
    return () => window.removeEventListener('hashchange', exchange);
  }, [eventId]);
  return { ready, error };
}
