// A participant's help request and its steps: sent → seen → on the way → handled (or cancelled by the
// participant before it is handled). Pure rules shared by the server (which decides) and the client (which words them).

export const helpStatuses = ['sent', 'seen', 'on-the-way', 'handled', 'cancelled'] as const;
export type HelpStatus = (typeof helpStatuses)[number];

/** The steps a facilitator can mark, in order. */
export const facilitatorHelpSteps = ['seen', 'on-the-way', 'handled'] as const;
export type FacilitatorHelpStep = (typeof facilitatorHelpSteps)[number];

export interface HelpRequest {
  id: string;
  participantId: string;
  name: string;
  roomId: string;
  at: number;
  status: HelpStatus;
}

const order: Record<HelpStatus, number> = { sent: 0, seen: 1, 'on-the-way': 2, handled: 3, cancelled: 3 };

/** Still waiting for a facilitator: the participant may cancel it, and cannot open a second one. */
export function isHelpActive(request: Pick<HelpRequest, 'status'>): boolean {
  return order[request.status] < order.handled;
}

/** Requests stored before the steps existed said 'open' (now 'sent'). */
export function normaliseHelpRequest(stored: HelpRequest | (Omit<HelpRequest, 'status'> & { status: 'open' })): HelpRequest {
  return stored.status === 'open' ? { ...stored, status: 'sent' } : stored;
}

/** The steps still ahead of a request, for the facilitator's buttons (a step may be skipped, never undone). */
export function nextHelpSteps(status: HelpStatus): FacilitatorHelpStep[] {
  return facilitatorHelpSteps.filter((step) => order[step] > order[status]);
}

export type HelpStepDecision = { ok: true; request: HelpRequest } | { ok: false; code: 'help_closed' | 'help_step_passed'; message: string };

/**
 * A facilitator marks a step. Marking the step a request is already at is accepted unchanged, so two
 * facilitators pressing "Seen" together both succeed; going back, or touching a closed request, is refused.
 */
export function decideHelpStep(request: HelpRequest, step: FacilitatorHelpStep): HelpStepDecision {
  if (request.status === step) return { ok: true, request };
  if (request.status === 'cancelled') return { ok: false, code: 'help_closed', message: 'That request was cancelled by the participant.' };
  if (request.status === 'handled') return { ok: false, code: 'help_closed', message: 'That request is already handled.' };
  if (order[step] < order[request.status]) return { ok: false, code: 'help_step_passed', message: 'That request is already further along.' };
  return { ok: true, request: { ...request, status: step } };
}

/** The request a participant is shown: their latest one, unless they cancelled it. */
export function helpShownTo(help: readonly HelpRequest[], participantId: string): HelpRequest | null {
  const latest = help.filter((h) => h.participantId === participantId).at(-1);
  return latest && latest.status !== 'cancelled' ? latest : null;
}

/** What the participant reads (and hears, politely) at each step. */
export function helpNotice(status: HelpStatus): string {
  switch (status) {
    case 'sent':
      return 'Your request was sent — a facilitator will see it shortly.';
    case 'seen':
      return 'A facilitator has seen your request.';
    case 'on-the-way':
      return 'A facilitator is on the way.';
    case 'handled':
      return 'Your request was marked handled. Ask again if you still need help.';
    case 'cancelled':
      return 'You cancelled your request for help.';
  }
}

/** The facilitator's button for a step. */
export const helpStepLabels: Record<FacilitatorHelpStep, string> = {
  seen: 'Seen',
  'on-the-way': 'On my way',
  handled: 'Mark handled',
};

/** The facilitator's list says where each request is. */
export const helpStatusLabels: Record<HelpStatus, string> = {
  sent: 'Waiting — not seen yet',
  seen: 'Seen',
  'on-the-way': 'On the way',
  handled: 'Handled',
  cancelled: 'Cancelled',
};
