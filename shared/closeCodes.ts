// Why the server closed a Yjs connection, and what the client should do about it. The server closes with
// these codes (RFC 6455 leaves 4000-4999 to applications); the client switches on `action`, so the two
// ends can never disagree about which closes are worth retrying.

/**
 * - retry: reconnect with backoff (a passing problem: server restart, slow link, resync).
 * - follow: the person was moved; fetch where they belong now and open that board.
 * - stop: reconnecting cannot help; tell the person what happened and what to do.
 * - reset: the server refused something this client holds; retrying would resend it forever, so the
 *   client stops, keeps what the person typed on screen, and offers a fresh copy from the server.
 */
export type CloseAction = 'retry' | 'follow' | 'stop' | 'reset';

export interface CloseReason {
  code: number;
  /** Sent as the WebSocket close reason (at most 123 bytes), also logged. */
  reason: string;
  action: CloseAction;
}

const define = <T extends Record<string, CloseReason>>(table: T) => table;

export const closeReasons = define({
  /** A frame that does not decode, or an update that does not fit the document's schema. */
  malformed: { code: 4400, reason: 'malformed message', action: 'reset' },
  /** No valid session for this event (expired, erased, or never joined). */
  unauthorized: { code: 4401, reason: 'no valid session for this event', action: 'stop' },
  /** The session may not open this document (another room, a participant on the summary). */
  noAccess: { code: 4403, reason: 'no access to this document', action: 'stop' },
  /** An update wrote something this session may not write (another author, a hidden card, a guarded field). */
  refused: { code: 4406, reason: 'change not allowed', action: 'reset' },
  /** No such document: a room or event that does not exist, or a name in a non-canonical spelling. */
  notFound: { code: 4404, reason: 'no such board', action: 'stop' },
  /** The facilitator moved this participant to another room. */
  moved: { code: 4409, reason: 'moved to another room', action: 'follow' },
  /** The link this session was opened with was stopped or replaced by a new one (Invite panel). */
  linkRevoked: { code: 4407, reason: 'This link was replaced by the organiser; ask them for the new one.', action: 'stop' },
  /** The event (and so this document) was deleted. */
  eventDeleted: { code: 4410, reason: 'this event was deleted', action: 'stop' },
  /** The room was removed; its cards went to another room. */
  roomRemoved: { code: 4411, reason: 'this room was removed', action: 'follow' },
  /** The client kept sending updates the server cannot integrate (missing dependencies): reconnect and resync. */
  resync: { code: 4412, reason: 'updates with missing dependencies, resyncing', action: 'retry' },
  /** One update or message larger than the limits in shared/limits.ts. */
  tooLarge: { code: 4413, reason: 'update too large', action: 'reset' },
  /** The board holds limits.cardsPerBoard cards, or its encoded state reached limits.docBytes. */
  boardFull: { code: 4422, reason: 'this board is full', action: 'reset' },
  /** Too many messages or bytes in the rate window, or a reader too slow to keep up. */
  tooFast: { code: 4429, reason: 'too many messages, slowing down', action: 'retry' },
  /** The server could not load or store the document (it is retried). */
  serverError: { code: 1011, reason: 'server error, retrying', action: 'retry' },
  /** The server is shutting down (another one, or this one after a restart, takes over). */
  goingAway: { code: 1001, reason: 'server shutting down', action: 'retry' },
});

export type CloseReasonName = keyof typeof closeReasons;

const byCode = new Map<number, CloseReason>(Object.values(closeReasons).map((entry) => [entry.code, entry]));

/** What a close code means; unknown codes (network drops: 1006) are worth a retry. */
export function closeReasonFor(code: number): CloseReason {
  return byCode.get(code) ?? { code, reason: 'connection lost', action: 'retry' };
}
