import type { CloseReasonName } from '../../../shared/closeCodes';

// Plain-language words for why a board or summary stopped syncing. Written for people new to digital
// tools: what happened, then what to do.

export interface EndedMessage {
  heading: string;
  body: string;
}

export type Audience = 'participant' | 'staff';

/** `what` names the page: "board" or "summary". */
export function endedMessage(reason: CloseReasonName, audience: Audience, what = 'board'): EndedMessage {
  switch (reason) {
    case 'eventDeleted':
      return { heading: 'This event has been deleted', body: `Anything on this ${what} is no longer kept. You can close this tab.` };
    case 'unauthorized':
      return audience === 'participant'
        ? { heading: 'Your session has ended', body: 'Join again with the event code.' }
        : { heading: 'Your session has ended', body: 'Open your facilitator or organiser link again to carry on.' };
    case 'linkRevoked':
      return { heading: 'This link no longer works', body: 'This link was replaced by the organiser; ask them for the new one.' };
    case 'noAccess':
      return audience === 'participant'
        ? { heading: 'You cannot open this board', body: 'It belongs to another room. Go to your own board, or ask the facilitator for help.' }
        : { heading: 'You cannot open this page', body: 'Your link does not give access to it. Go back to the control panel.' };
    case 'notFound':
      return { heading: 'This board no longer exists', body: 'It may have been removed. Ask the facilitator which board to use.' };
    case 'roomRemoved':
      return { heading: 'This room has been removed', body: 'Its cards were moved to another room or deleted. Go back to the control panel to see the rooms.' };
    default:
      return { heading: 'This page stopped updating', body: 'Reload the page to carry on. If this happens again, ask the facilitator for help.' };
  }
}

/** Why changes were refused, to follow "Some of your changes could not be saved: ". */
export function refusedReason(reason: CloseReasonName): string {
  switch (reason) {
    case 'refused':
      return 'they changed something you may not change, such as another person’s card or a hidden card';
    case 'tooLarge':
      return 'one change was too large to save';
    case 'boardFull':
      return 'there is no more room on this board';
    case 'malformed':
      return 'this device sent something the server could not read';
    default:
      return 'the server did not accept them';
  }
}
