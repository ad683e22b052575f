import { useCallback, useEffect, useState } from 'react';
import type { EventLinksView, IssuedLink } from '../../../shared/links';
import { api, ApiError } from '../api';
import { forgetAllLinks, forgetLink, keepLink, keptLinks, type KeptLinks } from './keptLinks';

export type InviteStatus =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; view: EventLinksView; kept: KeptLinks };

export interface InviteLinks {
  state: InviteStatus;
  /** Each resolves with an error message to show next to the control, or null when done. */
  create(label: string): Promise<string | null>;
  regenerate(linkId: string): Promise<string | null>;
  revoke(linkId: string): Promise<string | null>;
  forgetAll(): void;
}

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** The event's links from the server, with the ones this browser keeps; every change is kept here first. */
export function useInviteLinks(eventId: string): InviteLinks {
  const [state, setState] = useState<InviteStatus>({ status: 'loading' });
  const refresh = useCallback(async () => {
    try {
      const view = await api<EventLinksView>('GET', `/api/events/${eventId}/links`);
      setState({ status: 'ready', view, kept: keptLinks(eventId) });
    } catch (e) {
      setState({ status: 'failed', message: messageOf(e) });
    }
  }, [eventId]);
  useEffect(() => void refresh(), [refresh]);

  const run = useCallback(
    async (work: () => Promise<void>) => {
      try {
        await work();
        await refresh();
        return null;
      } catch (e) {
        return messageOf(e);
      }
    },
    [refresh],
  );
  return {
    state,
    create: (label) =>
      run(async () => {
        const issued = await api<IssuedLink>('POST', `/api/events/${eventId}/links`, { label });
        keepLink(eventId, issued.link.id, issued.url);
      }),
    regenerate: (linkId) =>
      run(async () => {
        const issued = await api<IssuedLink>('POST', `/api/events/${eventId}/links/${linkId}/regenerate`, {});
        keepLink(eventId, linkId, issued.url);
      }),
    revoke: (linkId) =>
      run(async () => {
        await api('DELETE', `/api/events/${eventId}/links/${linkId}`, {});
        forgetLink(eventId, linkId);
      }),
    forgetAll() {
      forgetAllLinks(eventId);
      void refresh();
    },
  };
}
