import { create } from 'zustand';
import type { EventInfo, Role } from '../../../shared/types';
import { api, ApiError } from '../api';

export interface Me {
  role: Role;
  participantId: string;
  name: string;
  roomId: string | null;
}

interface SessionState {
  event: EventInfo | null;
  me: Me | null;
  error: ApiError | null;
  loading: boolean;
  load(eventId: string): Promise<void>;
}

/** Who I am in which event, as the server sees it (from the session cookie). */
export const useSession = create<SessionState>((set) => ({
  event: null,
  me: null,
  error: null,
  loading: false,
  async load(eventId) {
    set({ loading: true });
    try {
      const data = await api<{ event: EventInfo; me: Me }>('GET', `/api/events/${eventId}`);
      set({ event: data.event, me: data.me, error: null, loading: false });
    } catch (error) {
      set({ error: error instanceof ApiError ? error : new ApiError(0, 'error', String(error)), loading: false });
    }
  },
}));
