// Yjs document names. The server derives permissions from the token, and only uses these to find the doc.
export type DocRef = { kind: 'board'; eventId: string; roomId: string } | { kind: 'summary'; eventId: string };

const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function boardDocName(eventId: string, roomId: string): string {
  return `board.${eventId}.${roomId}`;
}

export function summaryDocName(eventId: string): string {
  return `summary.${eventId}`;
}

/** The one spelling of a document's name: every store key, channel and erase uses this. */
export function docNameOf(ref: DocRef): string {
  return ref.kind === 'board' ? boardDocName(ref.eventId, ref.roomId) : summaryDocName(ref.eventId);
}

/**
 * Parses a name as it arrives on the wire, accepting only its canonical spelling: a percent-encoded,
 * upper-case or otherwise different spelling of a valid name would otherwise open a second, shadow copy
 * of the document that erasure never finds.
 */
export function parseCanonicalDocName(raw: string): DocRef | null {
  const ref = parseDocName(raw);
  return ref && docNameOf(ref) === raw ? ref : null;
}

export function parseDocName(name: string): DocRef | null {
  const parts = name.split('.');
  if (parts[0] === 'board' && parts.length === 3 && isId(parts[1]) && isId(parts[2])) {
    return { kind: 'board', eventId: parts[1], roomId: parts[2] };
  }
  if (parts[0] === 'summary' && parts.length === 2 && isId(parts[1])) {
    return { kind: 'summary', eventId: parts[1] };
  }
  return null;
}

export function isId(value: string | undefined): value is string {
  return value !== undefined && idPattern.test(value);
}
