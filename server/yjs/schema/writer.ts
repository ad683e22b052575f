import type { NamesMode, Role } from '../../../shared/types';

/** Who sends an update, from their verified session: authorship is checked against this, never the client's word. */
export interface Writer {
  role: Role;
  participantId: string;
  name: string;
  /** The event's names setting (absent: 'shown'): where names are not shown, cards carry authorName ''. */
  namesMode?: NamesMode;
}

export interface UpdateVerdict {
  /** Whether the update adds anything (a pure deletion is always let through, even on a full board). */
  addsContent: boolean;
}
